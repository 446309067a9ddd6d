"""The notebooks run end to end (small), so they cannot rot; their committed copies carry
no outputs."""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "compare_papers.ipynb"
SENSITIVITY = ROOT / "notebooks" / "sensitivity.ipynb"


@pytest.mark.parametrize("path", [NOTEBOOK, SENSITIVITY], ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
def test_notebook_executes(monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_RUNS", "4")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3


@pytest.mark.slow
def test_sensitivity_notebook_executes(monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_TRAJECTORIES", "2")
    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_REPLICATES", "4")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(SENSITIVITY, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(SENSITIVITY.parent)}},
    )
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert len([o for o in outputs if "image/png" in o.get("data", {})]) == 2
