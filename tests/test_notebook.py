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


def _executed_outputs(path: Path, timeout: int) -> list:
    """Run a notebook in a kernel; every code cell's outputs, asserting none is an error."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return outputs


def _images(outputs: list) -> list:
    return [o for o in outputs if "image/png" in o.get("data", {})]


@pytest.mark.slow
def test_notebook_executes(monkeypatch):
    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_RUNS", "4")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    assert len(_images(_executed_outputs(NOTEBOOK, timeout=300))) == 3


@pytest.mark.slow
def test_sensitivity_notebook_executes(monkeypatch):
    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_TRAJECTORIES", "2")
    monkeypatch.setenv("BARGAINSIM_NOTEBOOK_REPLICATES", "4")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    outputs = _executed_outputs(SENSITIVITY, timeout=600)
    # The screening's figure, then PRIM's box, or the notebook's word that there is none
    # (a claim that holds at every sampled point, or at none, gives PRIM nothing to find).
    texts = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    boxes = len(_images(outputs)) - 1
    assert boxes == 1 or (boxes == 0 and "no box" in texts)
