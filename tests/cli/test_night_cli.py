"""`magroute night` through the real CLI: on a Dask cluster, killed mid-night and resumed, and
the run history (`runs list | show | diff`)."""

import csv
import os
import signal
import subprocess
import sys
import time

import pytest
from test_cli import ROOT, magroute, read_csv

from magroute.batch.night import QUEUE_NEXT, REQUESTS_OUT

sys.path.insert(0, str(ROOT / "tests" / "batch"))
from test_night import NCR, write_queue  # noqa: E402


def accounting(night_dir):
    """{request: served | queued}; every request exactly once, queued ones with a reason."""
    outcomes = read_csv(night_dir / REQUESTS_OUT)
    queued = read_csv(night_dir / QUEUE_NEXT)
    assert all(q["last_reason"] for q in queued)
    served = [r["request_id"] for r in outcomes if r["status"] == "served"]
    ids = served + [q["request_id"] for q in queued]
    assert len(ids) == len(set(ids)) == len(outcomes)
    return {r: "served" for r in served} | {q["request_id"]: "queued" for q in queued}


def night(tmp, *args, queue=None):
    return magroute("night", "--date", "2026-11-23", "--queue", queue or tmp / "requests.csv",
                    "--scenario", NCR, "--runs", tmp / "runs", "-q", *args)


def test_night_on_a_dask_cluster(tmp_path):
    from distributed import Client, LocalCluster, get_task_stream

    write_queue(tmp_path / "requests.csv", 60)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client, \
            get_task_stream(client) as stream:  # records every task the cluster runs
        r = night(tmp_path, "--scheduler", cluster.scheduler_address, "--pieces", "2", "-t", "4",
                  "--force")
        assert r.returncode == 0, r.stdout + r.stderr
    ran = [t for t in stream.data if "solve_piece" in str(t["key"])]
    assert len(ran) == 2  # both pieces were solved by the cluster's workers
    assert all(t["status"] == "OK" for t in ran)
    assert len(accounting(tmp_path / "runs" / "2026-11-23")) == 61


def test_a_killed_night_leaves_no_partial_folder_and_resumes(tmp_path):
    write_queue(tmp_path / "requests.csv", 90)
    runs = tmp_path / "runs"
    args = [sys.executable, "-m", "magroute", "night", "--date", "2026-11-23", "--queue",
            tmp_path / "requests.csv", "--scenario", NCR, "--runs", runs, "--pieces", "3",
            "--workers", "1", "-t", "15", "-q"]
    proc = subprocess.Popen(list(map(str, args)), cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = runs / ".2026-11-23.partial" / "piece-001"
    deadline = time.monotonic() + 120
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the night and its worker processes
    proc.wait()
    assert first.exists(), "the first piece was never saved"
    assert not (runs / "2026-11-23").exists()  # nothing half-written where planners look
    r = magroute("night", "--date", "2026-11-23", "--queue", tmp_path / "requests.csv",
                 "--scenario", NCR, "--runs", runs, "--pieces", "3", "--workers", "1",
                 "-t", "15", "-q")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 (1, 0)" in r.stdout or "3 (2, 0)" in r.stdout  # pieces taken from the killed run
    resumed = accounting(runs / "2026-11-23")
    assert not list(runs.glob(".*"))
    # Every request of the queue, once (read here, not by magroute's queue reader).
    asked = {q["request_id"] for q in read_csv(tmp_path / "requests.csv")}
    assert set(resumed) == asked


def test_runs_list_show_and_diff(tmp_path):
    write_queue(tmp_path / "requests.csv", 40)
    r = night(tmp_path, "-t", "3", "--pieces", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    first = tmp_path / "runs" / "2026-11-23"
    queued = read_csv(first / QUEUE_NEXT)
    # The next night: tonight's leftovers, minus one withdrawn, plus two new requests.
    rows = queued[1:]
    site = read_csv(first / REQUESTS_OUT)[0]["site_id"]
    with (tmp_path / "next.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(queued[0]))
        w.writeheader()
        w.writerows(rows)
        for k in (1, 2):
            w.writerow({**{c: "" for c in queued[0]}, "request_id": f"NEW{k}", "site_id": site,
                        "date_ready": "2026-11-24"})
    r = magroute("night", "--date", "2026-11-24", "--queue", tmp_path / "next.csv", "--scenario",
                 NCR, "--runs", tmp_path / "runs", "-q", "-t", "3", "--pieces", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    history = tmp_path / "runs" / "history.sqlite"
    r = magroute("runs", "list", "--history", history)
    assert r.returncode == 0 and "2026-11-23" in r.stdout and "2026-11-24" in r.stdout
    r = magroute("runs", "show", "2026-11-24", "--history", history)
    assert r.returncode == 0 and "requests served" in r.stdout
    r = magroute("runs", "diff", "2026-11-23", "2026-11-24", "--history", history)
    assert r.returncode == 0, r.stderr
    lines = [line.split() for line in r.stdout.splitlines()[1:]]
    added = {x[1] for x in lines if x[0] == "added"}
    dropped = {x[1] for x in lines if x[0] == "dropped"}
    served_first = {row["request_id"] for row in read_csv(first / REQUESTS_OUT)
                    if row["status"] == "served"}
    assert added == {"NEW1", "NEW2"}
    assert dropped == served_first | {queued[0]["request_id"]}


@pytest.mark.parametrize("args, needle", [
    (("--date", "2026-11-23", "--queue", "nope.csv"), "file not found"),
])
def test_night_input_errors_exit_2(tmp_path, args, needle):
    r = magroute("night", *args, "--runs", tmp_path / "runs")
    assert r.returncode == 2 and needle in r.stderr
