"""A plain (not editable) install carries the bundled data: build the wheel, install it in a
fresh venv and plan a bundled scenario by name from a folder outside the repository.

The fresh venv borrows the test venv's third-party packages through a path entry (installing
ortools, geopandas ... again would take minutes); a path entry does not run the editable
install's finder, so `magroute` can only come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "-q", "-w", str(root / "dist"), str(REPO)], root, env)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("magroute-*.whl"))
    target = root / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     root, env).stdout.strip())
    (site / "borrowed-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    got = _run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], root, env)
    assert got.returncode == 0, got.stderr
    return target, env


def test_the_wheel_ships_the_data_and_plans_a_bundled_scenario_from_elsewhere(installed, tmp_path):
    target, env = installed
    where = _run([str(target / "bin" / "python"), "-c",
                  "import magroute, magroute.bundled as b; print(magroute.__file__); "
                  "print(b.DATA_DIR)"], tmp_path, env).stdout.split()
    assert str(target) in where[0], "magroute must come from the wheel, not the checkout"
    assert Path(where[1]).is_relative_to(target) and (Path(where[1]) / "sites.csv").is_file()
    magroute = str(target / "bin" / "magroute")
    plan = _run([magroute, "plan", "ncr-daily", "--out", "ncr", "--time-limit", "1"], tmp_path, env)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    summary = (tmp_path / "ncr" / "summary.json").read_text(encoding="utf-8")
    assert '"sites_served"' in summary
    check = _run([magroute, "check", "ncr"], tmp_path, env)
    assert check.returncode == 0, check.stdout + check.stderr
    # The map's state outlines come from the installed data too.
    assert "Uttar Pradesh" in (tmp_path / "ncr" / "map.html").read_text(encoding="utf-8")


def test_an_unknown_scenario_name_is_a_one_line_input_error(installed, tmp_path):
    target, env = installed
    plan = _run([str(target / "bin" / "magroute"), "plan", "no-such-scenario", "--out", "x"],
                tmp_path, env)
    assert plan.returncode == 2
    assert "no-such-scenario" in plan.stderr and "Traceback" not in plan.stderr
