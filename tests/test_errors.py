"""Every exception class bargainsim defines is a BargainsimError, and the architecture
document's error line names each of them."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import bargainsim
from bargainsim.errors import BargainsimError

ROOT = Path(__file__).resolve().parents[1]


def _defined_exceptions() -> dict[str, type]:
    found = {}
    for module in pkgutil.walk_packages(bargainsim.__path__, "bargainsim."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.name
            ):
                found[name] = value
    return found


def _errors_paragraph() -> str:
    lines = (ROOT / "docs" / "architecture.md").read_text("utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if line.lstrip().startswith("errors.py"))
    paragraph = [lines[start]]
    for line in lines[start + 1 :]:
        if line[:3].strip():  # the next module's entry
            break
        paragraph.append(line)
    return " ".join(paragraph)


def test_every_exception_class_is_a_bargainsim_error():
    defined = _defined_exceptions()
    assert {"ObservableMissing", "EquilibriumError", "InvalidStateError"} <= defined.keys()
    assert [name for name, cls in defined.items() if not issubclass(cls, BargainsimError)] == []


def test_the_architecture_document_names_every_error_class():
    paragraph = _errors_paragraph()
    assert [name for name in _defined_exceptions() if name not in paragraph] == []
