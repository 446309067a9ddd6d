"""One writer per batch directory: an exclusive lock, held for as long as a command writes
the batch, so that a second command on the same ``--out`` is refused rather than racing
the first for the same chunk files.

The lock is ``flock`` on ``DIR/.lock``, which the kernel releases when the holder exits
however it exits (``kill -9`` included): a stale lock file never blocks a resume. Where
``flock`` does not exist the batch runs unlocked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from bargainsim.batch.store import LOCK_FILE
from bargainsim.errors import RunStoreError
from bargainsim.output import cannot_write


@contextlib.contextmanager
def batch_lock(directory: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    path = Path(directory) / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            by = f" (process {holder})" if holder.isdigit() else ""
            raise RunStoreError(
                f"{directory} is being written by another bargainsim batch{by}; wait for it "
                "to finish (the same command then resumes or finds it finished), or choose "
                "another --out"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            # Released explicitly: a process forked meanwhile shares the descriptor.
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
