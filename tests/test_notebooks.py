"""The analysts' notebooks (notebooks/*.ipynb) run top to bottom on magroute's public API.

Each notebook is executed in a fresh kernel of this interpreter (the venv's), in a temporary
working directory, with short searches set through the notebooks' environment variables; the
plan folders go to a temporary folder, never into the repository. The travel cache is the test
session's private one (conftest.py sets MAGROUTE_CACHE_DIR; the kernel inherits os.environ).
"""

from __future__ import annotations

import ast
import csv
import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from magroute.pipeline import check_plan_dir, site_records

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
STUDY_SCENARIOS = ("india-nightly", "india-hubs", "india-light-fleet", "india-fortnightly",
                   "india-price-shock")
PUBLIC_MODULES = {"magroute.pipeline", "magroute.compare", "magroute.inputs", "magroute.analysis"}
CELL_TIMEOUT_S = 600


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_are_there():
    assert [p.name for p in notebook_paths()] == ["quick-start.ipynb", "scenario-study.ipynb",
                                                  "supply-loop.ipynb"]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear the outputs before committing"
            assert cell.execution_count is None, f"{path.name}: execution counts not cleared"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_uses_only_the_public_api(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("magroute"):
                modules = {f"{node.module}.{a.name}" for a in node.names} \
                    if node.module == "magroute" else {node.module}
                assert modules <= PUBLIC_MODULES, f"{path.name}: imports {modules}"
                assert not any(a.name.startswith("_") for a in node.names)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name != "subprocess", f"{path.name}: no CLI subprocesses"
                    if alias.name.startswith("magroute"):
                        assert alias.name in PUBLIC_MODULES, f"{path.name}: {alias.name}"
            elif isinstance(node, ast.Attribute):
                assert not (node.attr.startswith("_") and not node.attr.startswith("__")), \
                    f"{path.name}: private name {node.attr}"


@pytest.fixture
def notebook_env(tmp_path, monkeypatch):
    """A python3 kernelspec for this interpreter ahead of any user or system one, Jupyter's
    files in tmp_path, and the notebooks' settings for a short run. Returns (work dir, out)."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (magroute test)", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))  # searched first
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter-runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    out = tmp_path / "out"
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_SCENARIO_DIR", str(REPO / "scenarios"))
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_TIME_LIMIT", "1")
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_ITERATIONS", "50")
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_SAMPLES", "100")
    monkeypatch.delenv("MAGROUTE_NOTEBOOK_SCENARIOS", raising=False)  # the full study
    monkeypatch.delenv("MAGROUTE_NOTEBOOK_JOBS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    return work, out


def execute(nb, work: Path):
    """Run every cell in a fresh kernel with `work` as its working directory; any error fails."""
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(work)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, errors
    return nb


def run_notebook(name: str, work: Path):
    return execute(nbformat.read(NOTEBOOKS / name, as_version=4), work)


def outputs(nb, output_type: str | None = None) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if output_type is None or o.output_type == output_type]


def text_of(nb) -> str:
    """Everything the notebook printed or displayed as text or markdown."""
    parts = []
    for o in outputs(nb):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            parts += [o.data.get("text/markdown", ""), o.data.get("text/plain", "")]
    return "\n".join(parts)


def test_kernel_is_this_interpreter(notebook_env):
    work, _ = notebook_env
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os, sys\nprint(sys.executable)\nprint(os.getcwd())\n"
        "print(os.environ['MAGROUTE_CACHE_DIR'])")])
    printed = text_of(execute(nb, work)).split("\n")
    assert Path(printed[0]).resolve() == Path(sys.executable).resolve()
    assert Path(printed[1]).resolve() == work.resolve()
    import os

    assert printed[2] == os.environ["MAGROUTE_CACHE_DIR"]  # the session's private cache


def test_quick_start(notebook_env):
    work, out = notebook_env
    nb = run_notebook("quick-start.ipynb", work)
    printed = text_of(nb)
    assert "check: 0 violations" in printed

    plan = out / "quick-start"
    summary = json.loads((plan / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"] == "ncr-daily"
    assert summary["sites_served"] > 0
    assert f"net value of **₹{summary['net_value_inr']:,.0f}**" in printed
    with open(plan / "explain.csv", encoding="utf-8", newline="") as f:
        explained = list(csv.DictReader(f))
    assert len(explained) == summary["sites_total"]
    served = [r for r in explained if r["served"] == "yes"]
    assert len(served) == summary["sites_served"]
    # The two sites the notebook explains appear in its sentences with their numbers.
    assert "is not served (binding rule:" in printed and "dropping it would save only" in printed
    assert not list(work.iterdir()), "the notebook wrote into its working directory"


def dig(data: dict, dotted: str):
    """(found, value) of a dotted summary.json path."""
    value = data
    for step in dotted.split("."):
        if not isinstance(value, dict) or step not in value:
            return False, None
        value = value[step]
    return True, value


def test_scenario_study(notebook_env):
    work, out = notebook_env
    nb = run_notebook("scenario-study.ipynb", work)
    study = out / "scenario-study"

    with open(study / "comparison.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[3:] == list(STUDY_SCENARIOS)
    summaries = {n: json.loads((study / n / "summary.json").read_text(encoding="utf-8"))
                 for n in STUDY_SCENARIOS}
    samples = {n: json.loads((study / n / "samples.json").read_text(encoding="utf-8"))
               for n in STUDY_SCENARIOS}
    # Every number of the comparison equals the plan folder's summary.json (or samples.json).
    for row in rows:
        for name in STUDY_SCENARIOS:
            cell = row[name]
            if row["key"].startswith("samples."):
                found, value = dig(samples[name], row["key"].removeprefix("samples."))
            else:
                found, value = dig(summaries[name], row["key"])
            if not found and row["key"].startswith("magnet_kg_by_type."):
                assert float(cell) == 0.0  # a magnet type this scenario did not collect
                continue
            assert found, (row["key"], name)
            assert cell == ("" if value is None else str(value)), (row["key"], name)
    assert {r["key"] for r in rows} >= {"net_value_inr", "annual.target_progress_pct",
                                        "samples.net_value_inr.p10"}

    # The three charts are shown, and the conclusions quote this run's numbers.
    assert len([o for o in outputs(nb) if "image/png" in o.get("data", {})]) == 3
    printed = text_of(nb)
    for name, s in summaries.items():
        assert f"{s['annual']['target_progress_pct']:.0f} % of the" in printed, name
    # The violations the notebook reports are those of an independent re-check of each folder
    # (a 1-s search may leave a must-collect site out: the notebook must say so, not hide it).
    found = {n: len(check_plan_dir(study / n).violations) for n in STUDY_SCENARIOS}
    for name, k in found.items():
        assert f"{name}: {k} check violations" in printed
        assert (f"{name}: {k} violations" if k else f"{name}: check passed") in printed
    assert ("Every plan passed the independent check." in printed) == (sum(found.values()) == 0)
    assert "Caution:** each search ran 1 s with at most 50 iterations" in printed
    assert not list(work.iterdir()), "the notebook wrote into its working directory"


def test_supply_loop(notebook_env, monkeypatch):
    work, out = notebook_env
    monkeypatch.setenv("MAGROUTE_NOTEBOOK_WEEKS", "3")
    nb = run_notebook("supply-loop.ipynb", work)
    printed = text_of(nb)
    assert "3 weeks" in printed and "learnt supply realised" in printed
    loop = out / "supply-loop"
    for arm in ("declared", "learnt"):
        assert sorted(p.name for p in (loop / arm).glob("week-*")) == [
            "week-1", "week-2", "week-3"]
        for week in (loop / arm).glob("week-*"):
            assert not check_plan_dir(week).violations
    records = site_records(loop / "learnt" / "history.sqlite")
    assert records and not (loop / "declared" / "history.sqlite").exists()
    assert any(o.data.get("image/png") for o in outputs(nb, "display_data"))
    assert not list(work.iterdir()), "the notebook wrote into its working directory"
