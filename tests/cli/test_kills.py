"""Issue 18: `plan` and `night` killed with SIGKILL at random moments (a bounded number of trials).

After each kill, either the previous output folder is intact or the new one is complete, and
`magroute check` accepts it; a re-run of the night neither loses nor duplicates a request, and
a finished run leaves no temporary folder behind. The moments are drawn from a seeded random
generator over the command's whole run (start-up, search, writing, the final rename), so CI
tries the same ones each time; MAGROUTE_KILL_TRIALS tries more.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from entry import run_main
from mini_data import NIGHT, QUEUE_CSV, write_mini
from test_cli import ROOT, read_csv

TRIALS = int(os.environ.get("MAGROUTE_KILL_TRIALS", "2"))


def kill_after(args: list[object], delay_s: float) -> bool:
    """Run `python -m magroute ARGS` and SIGKILL it (and its workers) after `delay_s`; True if
    it was still running then."""
    proc = subprocess.Popen([sys.executable, "-m", "magroute", *map(str, args)], cwd=ROOT,
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + delay_s
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


def timed(args: list[object]) -> float:
    """How long one undisturbed run takes: the range the kill moments are drawn from."""
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "magroute", *map(str, args)], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return time.monotonic() - t0


def checked(folder: Path) -> None:
    r = run_main("check", folder)
    assert r.exit_code == 0, r.output


def test_plan_killed_at_random_moments_leaves_the_previous_plan_or_the_new_one(tmp_path):
    mini = write_mini(tmp_path)
    out = tmp_path / "out"
    args = ["plan", mini.scenario, "--out", out, "-t", "1", "-q"]
    whole = timed(args)  # the previous plan, complete
    previous = (out / "routes.csv").read_text()
    rng = random.Random(18)
    outcomes = []
    for trial in range(TRIALS):
        # Over the whole run, every second trial in its last 40 %: the writing and the final
        # rename, where a crash could lose both folders.
        share = rng.uniform(0.6, 1.05) if trial % 2 else rng.uniform(0.05, 1.05)
        killed = kill_after([*args, "--seed", trial + 1], share * whole)
        checked(out)
        outcomes.append((round(share * whole, 2), killed,
                         "previous" if (out / "routes.csv").read_text() == previous else "new"))
        previous = (out / "routes.csv").read_text()
    print("plan kills (moment s, killed, folder):", outcomes)
    assert sum(k for _, k, _ in outcomes) >= TRIALS // 2, outcomes  # most trials did kill
    r = run_main(*args)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out", "scenarios"]


def night_args(mini, queue: Path, runs: Path) -> list[object]:
    return ["night", "--date", NIGHT, "--queue", queue, "--scenario", mini.scenario,
            "--runs", runs, "--workers", "1", "-t", "1", "-q"]


def write_queue(tmp_path: Path) -> Path:
    queue = tmp_path / "REQUESTS.csv"
    queue.write_text(QUEUE_CSV, encoding="utf-8")
    return queue


def test_night_killed_at_random_moments_resumes_without_losing_a_request(tmp_path):
    mini = write_mini(tmp_path)
    queue = write_queue(tmp_path)
    whole = timed(night_args(mini, queue, tmp_path / "timing"))
    rng = random.Random(180)
    for trial in range(max(1, TRIALS // 2)):
        runs = tmp_path / f"runs-{trial}"
        args = night_args(mini, queue, runs)
        kill_after(args, rng.uniform(0.05, 1.05) * whole)
        night = runs / NIGHT
        if night.exists():  # killed after the folder was in place: it must be whole
            checked(night)
        again = run_main(*args)
        if night.exists() and again.exit_code == 2:
            assert "already planned" in again.stderr or "already exists" in again.stderr
        else:
            assert again.exit_code == 0, again.output
        checked(night)
        assert_every_request_once(night, queue)
        leftovers = [p.name for p in runs.iterdir() if p.name.startswith(".")]
        assert leftovers == [], leftovers


def test_a_forced_night_killed_keeps_the_previous_night_whole(tmp_path):
    mini = write_mini(tmp_path)
    queue = write_queue(tmp_path)
    runs = tmp_path / "runs"
    args = night_args(mini, queue, runs)
    whole = timed(args)
    rng = random.Random(1800)
    for _ in range(max(1, TRIALS // 2)):
        kill_after([*args, "--force"], rng.uniform(0.3, 1.05) * whole)
        checked(runs / NIGHT)
        assert_every_request_once(runs / NIGHT, queue)


def assert_every_request_once(night: Path, queue: Path) -> None:
    asked = [r["request_id"] for r in read_csv(queue)]
    outcomes = [o["request_id"] for o in read_csv(night / "requests.csv")]
    assert sorted(outcomes) == sorted(asked)
