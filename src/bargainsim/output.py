"""Atomic output: a file or a whole directory appears complete or not at all.

Files are written to a temporary name in the same directory and moved into place with
``os.replace`` (atomic on POSIX within one file system). A run's output directory is built
under a temporary sibling name and renamed at the end, so an interrupted command leaves no
half-written directory under the requested name.

What appears has the mode a plain ``open`` or ``mkdir`` would give it (0666 or 0777 less
the umask), not the owner-only mode of ``tempfile.mkstemp`` and ``mkdtemp``: the kernel
applies the umask at creation, so it is never read or changed here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

# As many names as tempfile tries before it gives up.
NAME_ATTEMPTS = 10_000


def _fresh_sibling(path: Path, suffix: str, create: Callable[[Path], None]) -> Path:
    """A new name ``.<name>.<random><suffix>`` beside ``path``, made by ``create``, which
    must fail with FileExistsError if the name is taken."""
    for _ in range(NAME_ATTEMPTS):
        candidate = path.parent / f".{path.name}.{secrets.token_hex(6)}{suffix}"
        try:
            create(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(path))


def _create_file(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))


def _temporary_sibling(path: Path, suffix: str = "") -> Path:
    return _fresh_sibling(path, suffix + ".tmp", _create_file)


def _temporary_directory(target: Path, suffix: str) -> Path:
    return _fresh_sibling(target, suffix, lambda name: os.mkdir(name, 0o777))


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_sibling(path)
    try:
        with open(temporary, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, payload: object) -> None:
    write_text_atomic(path, json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")


def write_parquet_atomic(path: Path, frame) -> None:
    """Write a DataFrame as Parquet, atomically, without the pandas index."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_sibling(path, ".parquet")
    try:
        frame.to_parquet(temporary, index=False, engine="pyarrow")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary directory; on success it replaces ``target`` whole.

    An existing ``target`` is replaced only once the new one is complete. On any failure
    the temporary directory is removed and ``target`` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = _temporary_directory(target, ".tmp")
    try:
        yield building
        if target.exists():
            retired = _temporary_directory(target, ".old")
            os.replace(target, retired / target.name)
            os.replace(building, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
