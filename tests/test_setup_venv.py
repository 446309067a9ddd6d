"""The README's two commands start with scripts/setup-venv, which finds a Python >= 3.12
wherever one is (a pyenv version not selected included) and says so in one sentence when
there is none; CI runs the README's test command exactly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "setup-venv"
OLD = "#!/bin/sh\nexit 1\n"  # a Python older than 3.12 fails the version check
SHIM = '#!/bin/sh\necho "pyenv: $(basename $0): command not found" >&2\nexit 127\n'

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)]


def test_the_readme_commands_set_up_with_the_script_and_ci_runs_the_test_command():
    main_job, tests = readme_commands()
    assert main_job.startswith("scripts/setup-venv && .venv/bin/bargainsim compare ")
    assert tests == "scripts/setup-venv test && .venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert tests in ci
    assert os.access(SCRIPT, os.X_OK) and os.access(ROOT / ".ci" / "run", os.X_OK)


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def machine(tmp_path: Path, commands: dict[str, str], pyenv: dict[str, str] | None = None):
    """A copy of the script in a bare checkout, and a PATH with only ``commands`` (name ->
    script) and the tools the script needs; ``pyenv`` maps installed versions to their
    python3 (a script, or "real" for the Python running the tests)."""
    checkout = tmp_path / "checkout"
    shutil.copy(SCRIPT, executable(checkout / "scripts" / "setup-venv", ""))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "sort", "basename"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    for name, text in commands.items():
        executable(bin_dir / name, text)
    if pyenv is not None:
        root = tmp_path / "pyenv"
        for version, python in pyenv.items():
            target = root / "versions" / version / "bin" / "python3"
            if python == "real":
                target.parent.mkdir(parents=True)
                target.symlink_to(sys.executable)
            else:
                executable(target, python)
        listing = "\\n".join(pyenv)
        executable(
            bin_dir / "pyenv",
            f'#!/bin/sh\ncase "$1" in root) echo {root} ;; versions) printf "{listing}\\n" ;; '
            "*) exit 1 ;; esac\n",
        )
    return checkout / "scripts" / "setup-venv", {"PATH": str(bin_dir), "HOME": str(tmp_path)}


def test_a_pyenv_version_that_is_not_selected_is_found(tmp_path):
    script, environment = machine(
        tmp_path,
        {"python3.12": SHIM, "python3.13": SHIM, "python3": OLD},
        pyenv={"3.11.7": OLD, "3.12.1": "real", "3.9.18": OLD},
    )
    found = subprocess.run([script, "--which"], env=environment, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(
        tmp_path / "pyenv" / "versions" / "3.12.1" / "bin" / "python3"
    )


def test_a_python_on_the_path_comes_first(tmp_path):
    script, environment = machine(tmp_path, {"python3.12": SHIM, "python3": OLD})
    (Path(environment["PATH"]) / "python3.13").symlink_to(sys.executable)
    found = subprocess.run([script, "--which"], env=environment, capture_output=True, text=True)
    assert found.stdout.strip().endswith("bin/python3.13"), found.stderr


def test_no_python_new_enough_is_one_sentence_and_nothing_is_made(tmp_path):
    script, environment = machine(
        tmp_path, {"python3": OLD, "python3.12": SHIM}, pyenv={"3.11.7": OLD}
    )
    for arguments in ([], ["test"]):
        failed = subprocess.run(
            [script, *arguments], env=environment, capture_output=True, text=True
        )
        assert failed.returncode == 1
        assert failed.stderr.count("\n") == 1 and "no Python >= 3.12 found" in failed.stderr
    assert sorted(p.name for p in (tmp_path / "checkout").iterdir()) == ["scripts"]
