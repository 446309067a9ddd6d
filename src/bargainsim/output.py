"""Atomic output: a file or a whole directory appears complete or not at all, and never in
place of something bargainsim did not write.

Files are written to a temporary name in the same directory and moved into place with
``os.replace`` (atomic on POSIX within one file system). A run's output directory is built
under a temporary sibling name and renamed at the end, so an interrupted command leaves no
half-written directory under the requested name.

An output directory goes only to a new path, or in place of a directory whose
``manifest.json`` names the same kind of output (``run``, ``compare``): bargainsim's own.
Files there that bargainsim does not write (a user's notes) are kept. Anything else is
refused unless ``overwrite`` is given, and then the output's files are written into the
directory beside what is there; a file, or another kind of bargainsim output (a batch), is
never replaced. Failures of the file system itself (read-only, full) become
:class:`~bargainsim.errors.OutputError` naming the path.

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
from collections.abc import Callable, Iterable
from pathlib import Path

from bargainsim.errors import OutputError

# As many names as tempfile tries before it gives up.
NAME_ATTEMPTS = 10_000
MANIFEST = "manifest.json"
# What a bargainsim output directory is recognised by: its manifest's "kind", or a batch's
# plan (written before its first manifest).
OUTPUT_KINDS = ("run", "batch", "compare", "sensitivity", "discovery")
BATCH_PLAN = "plan.json"

REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file is too large for the file system",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "it already exists",
}


def cannot_write(path, error: OSError) -> OutputError:
    """The user-facing form of a failed write: the path asked for (not a temporary name),
    and why in words."""
    reason = REASONS.get(error.errno, error.strerror or str(error))
    return OutputError(f"cannot write {path}: {reason}")


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


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(path, error) from None


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    path = Path(path)
    _make_parent(path)
    temporary = None
    try:
        temporary = _temporary_sibling(path)
        with open(temporary, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise cannot_write(path, error) from error
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, payload: object) -> None:
    write_text_atomic(path, json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")


def write_parquet_atomic(path: Path, frame) -> None:
    """Write a DataFrame as Parquet, atomically, without the pandas index."""
    path = Path(path)
    _make_parent(path)
    temporary = None
    try:
        temporary = _temporary_sibling(path, ".parquet")
        frame.to_parquet(temporary, index=False, engine="pyarrow")
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise cannot_write(path, error) from error
        raise


# -- output directories ------------------------------------------------------------------


def output_kind(directory: Path) -> str | None:
    """The kind of bargainsim output ``directory`` holds, or None if it holds none."""
    try:
        manifest = json.loads((Path(directory) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        manifest = None
    kind = manifest.get("kind") if isinstance(manifest, dict) else None
    if kind in OUTPUT_KINDS:
        return kind
    return "batch" if (Path(directory) / BATCH_PLAN).is_file() else None


def _holds_working_directory(directory: Path) -> bool:
    try:
        here = os.getcwd()
    except OSError:
        return False
    return here == str(directory) or here.startswith(str(directory) + os.sep)


def check_output_directory(target, kind: str, owns: Iterable[str], *, overwrite=False) -> str:
    """How an output of ``kind`` (whose top-level entries are among ``owns``) may go to
    ``target``: ``"new"``, ``"replace"`` (a whole directory swapped for a complete one) or
    ``"into"`` (entries moved into the existing directory, the rest left in place).

    Raises :class:`OutputError` when ``target`` may not be written; nothing is touched.
    """
    target = Path(os.path.realpath(target))
    if not os.path.lexists(target):
        return "new"
    if not target.is_dir():
        raise OutputError(
            f"{target} exists and is not a folder; choose another output directory "
            "(nothing was written)"
        )
    try:
        entries = set(os.listdir(target))
    except OSError as error:
        raise OutputError(f"cannot read {target}: {REASONS.get(error.errno, error)}") from None
    found = output_kind(target) if entries else kind
    if found == kind:
        foreign = entries - set(owns)
        return "into" if foreign or _holds_working_directory(target) else "replace"
    if found is not None:
        raise OutputError(
            f"{target} holds a bargainsim {found} output, which a {kind} output would "
            "replace; choose another output directory (nothing was written)"
        )
    if not overwrite:
        raise OutputError(
            f"{target} already exists and was not written by bargainsim {kind}; choose a new "
            "output directory, or pass --overwrite to write into it (files of the same "
            "names are replaced, others are left as they are; nothing was written)"
        )
    return "into"


class atomic_directory:  # named like the function it is used as (`with`, like open)
    """``with atomic_directory(target, kind, owns) as building:`` yields a fresh temporary
    directory; on success its content takes ``target``'s place (see
    :func:`check_output_directory`, checked again at the end). On any failure the
    temporary directory is removed and ``target`` is left as it was.
    """

    def __init__(self, target, kind: str, owns: Iterable[str] = (), *, overwrite=False):
        self.target = Path(os.path.realpath(target))
        self.kind, self.owns, self.overwrite = kind, frozenset(owns), overwrite
        self.building: Path | None = None

    def _mode(self) -> str:
        return check_output_directory(self.target, self.kind, self.owns, overwrite=self.overwrite)

    def __enter__(self) -> Path:
        self._mode()
        _make_parent(self.target)
        try:
            self.building = _temporary_directory(self.target, ".tmp")
        except OSError as error:
            raise cannot_write(self.target, error) from None
        return self.building

    def __exit__(self, kind, error, trace) -> None:
        building = self.building
        try:
            if error is None:
                try:
                    self._commit(building)
                except OSError as failure:
                    raise cannot_write(self.target, failure) from failure
            elif isinstance(error, OSError):
                raise cannot_write(self.target, error) from error
            elif isinstance(error, OutputError) and str(building) in str(error):
                # Name the file where it was to go, not in the temporary directory.
                message = str(error).replace(str(building), str(self.target))
                raise OutputError(message) from error.__cause__
        finally:
            shutil.rmtree(building, ignore_errors=True)

    def _commit(self, building: Path) -> None:
        mode = self._mode()
        if mode == "new":
            os.rename(building, self.target)
            return
        retired = _temporary_directory(self.target, ".old")
        try:
            if mode == "replace":
                _swap(building, self.target, retired)
            else:
                stale = self.owns if output_kind(self.target) == self.kind else frozenset()
                _move_into(building, self.target, retired, stale=stale)
        except BaseException:
            # Empty once everything is back; if not, what it holds is the user's and stays.
            with contextlib.suppress(OSError):
                os.rmdir(retired)
            raise
        shutil.rmtree(retired, ignore_errors=True)


def _put_back(moves: list[tuple[Path, Path]], retired: Path) -> None:
    try:
        for now, before in reversed(moves):
            os.rename(now, before)
    except OSError as error:
        raise OutputError(
            f"cannot move the earlier content back into place ({error.strerror}); "
            f"it is in {retired}"
        ) from error


def _swap(building: Path, target: Path, retired: Path) -> None:
    """Put ``building`` in ``target``'s place, or leave ``target`` where it was."""
    kept = retired / target.name
    os.rename(target, kept)
    try:
        os.rename(building, target)
    except BaseException:
        _put_back([(kept, target)], retired)
        raise


def _move_into(building: Path, target: Path, retired: Path, *, stale=frozenset()) -> None:
    """Move every entry of ``building`` into ``target``; entries of the same names, and the
    ``stale`` ones of an earlier output, go to ``retired`` first. The manifest leaves first
    and arrives last, so a reader never takes a half-moved directory for a finished one.
    Any failure moves everything back."""
    arriving = sorted(os.listdir(building), key=lambda name: name == MANIFEST)
    leaving = {name for name in {*arriving, *stale} if os.path.lexists(target / name)}
    leaving = sorted(leaving, key=lambda name: name != MANIFEST)
    moved: list[tuple[Path, Path]] = []
    try:
        for name in leaving:
            os.rename(target / name, retired / name)
            moved.append((retired / name, target / name))
        for name in arriving:
            os.rename(building / name, target / name)
            moved.append((target / name, building / name))
    except BaseException:
        _put_back(moved, retired)
        raise
