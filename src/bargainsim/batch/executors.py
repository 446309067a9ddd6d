"""One executor interface, three backends.

``executor.map_chunks(tasks)`` runs :func:`~bargainsim.batch.worker.run_chunk` on each
task and yields the outcomes as they finish (in any order). Tasks are taken from the
iterable lazily and at most ``in_flight`` are outstanding at once, so the outcomes waiting
to be written, not the batch size, bound the memory used.

- :class:`InProcessExecutor`: in this process, one chunk after another.
- :class:`ProcessPoolExecutor`: a local pool of worker processes (default: one per core),
  made from an explicit ``fork`` context on Linux; the global start method is never set.
- :class:`DaskExecutor`: Dask distributed, on an existing scheduler or a ``LocalCluster``
  started for the batch. Dask is imported only here, only when this backend is used.

Every backend runs the same function on the same tasks, so a batch's files do not depend
on the backend (tested, to the byte).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from bargainsim.errors import BargainsimError

if TYPE_CHECKING:
    from bargainsim.batch.worker import ChunkOutcome, ChunkTask

# The worker module (with numpy, pyarrow and the model) is imported where chunks are run,
# not here: a process pool starts its workers first, while the command imports the rest.

BACKENDS = ("inprocess", "processes", "dask")


class InProcessExecutor:
    name = "inprocess"
    # Its workers see the batch directory, so they write each chunk's files themselves
    # rather than send them back (bargainsim.batch.chunk_files).
    shares_files = True

    def __init__(self):
        self.workers = 1

    def map_chunks(self, tasks: Iterable[ChunkTask]) -> Iterator[ChunkOutcome]:
        from bargainsim.batch.worker import run_chunk

        for task in tasks:
            yield run_chunk(task)

    def describe(self) -> dict:
        return {"backend": self.name, "workers": 1}

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _os_threads() -> int | None:
    """Threads of this process as the OS counts them (native ones included), or None."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def _pool_start_method() -> str | None:
    # fork where it is safe and fast: on Linux, from a process with a single thread (the
    # command itself, before any Parquet I/O starts Arrow's thread pool); workers then
    # inherit the imported model and start in milliseconds. A process that already runs
    # other threads (a notebook, a test session, an embedding application) could hand a
    # held lock to a forked child, so it gets a fork server instead; elsewhere the
    # platform default (spawn).
    if not sys.platform.startswith("linux"):
        return None
    return "fork" if _os_threads() == 1 else "forkserver"


def _start_worker(command: int) -> None:
    """Pool workers leave Ctrl-C to the command, which stops handing out chunks and shuts
    the pool down; a worker that took the signal itself would only print a traceback.

    And they end when the command's process does, however it ends: a worker killed with
    its command (``kill -9``) gets no word from the pool, and would wait for chunks for
    ever, keeping the fork server alive with it."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(command,), daemon=True).start()


def _exit_with(command: int) -> None:
    """Return never; end this process once process ``command`` has ended."""
    try:
        # A pidfd becomes readable when the process ends (Linux): no polling, no pid reuse.
        watched = os.pidfd_open(command)
    except (AttributeError, OSError):
        watched = None
    if watched is not None:
        import select

        select.select([watched], [], [])
    else:
        import time

        while _alive(command):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# What a pool worker needs, imported once by the fork server before it forks the workers,
# instead of by each worker on its first chunk: the model, and pandas, which pyarrow
# imports when it first converts a numpy array (0.2 s).
WORKER_PRELOAD = ["bargainsim.batch.worker", "bargainsim.model.ensemble", "pandas"]


def _pool_context(method: str | None):
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(WORKER_PRELOAD)
    return context


class ProcessPoolExecutor(InProcessExecutor):
    name = "processes"

    def __init__(self, workers: int | None = None, start_method: str | None = None):
        from concurrent.futures import ProcessPoolExecutor as _Pool

        self.workers = workers or os.cpu_count() or 1
        self.start_method = start_method or _pool_start_method()
        self._pool = _Pool(
            max_workers=self.workers,
            mp_context=_pool_context(self.start_method),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        self._warming = None
        if self.start_method == "fork":
            # Fork the workers now, while this process is still single-threaded.
            self._pool.submit(os.getpid).result()
        else:
            # Started workers import the model first; let them do it while this process
            # goes on (compiling the scenarios), instead of waiting for them here.
            import threading

            self._warming = threading.Thread(target=self._start_workers, daemon=True)
            self._warming.start()

    def _start_workers(self) -> None:
        for _ in range(self.workers):
            self._pool.submit(os.getpid)

    def map_chunks(self, tasks: Iterable[ChunkTask]) -> Iterator[ChunkOutcome]:
        from concurrent.futures import FIRST_COMPLETED, wait

        from bargainsim.batch.worker import run_chunk

        self._started()
        limit = 2 * self.workers
        pending: set = set()
        source = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                task = next(source, None)
                if task is None:
                    exhausted = True
                else:
                    pending.add(self._pool.submit(run_chunk, task))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def describe(self) -> dict:
        return {
            "backend": self.name,
            "workers": self.workers,
            "start_method": self.start_method or "spawn",
        }

    def _started(self) -> None:
        if self._warming is not None:
            self._warming.join()
            self._warming = None

    def close(self) -> None:
        self._started()
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(InProcessExecutor):
    """Dask distributed: ``scheduler`` (``tcp://host:port``) or a ``LocalCluster`` of
    ``workers`` processes (``processes=False`` gives threads in this process, for tests)."""

    name = "dask"
    # A scheduler's workers may be on other machines: they send the files' bytes back.
    shares_files = False

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, processes: bool = True
    ):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BargainsimError(
                "the Dask backend needs the optional extra: pip install 'bargainsim[dask]'"
            ) from None
        self.scheduler = scheduler
        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def map_chunks(self, tasks: Iterable[ChunkTask]) -> Iterator[ChunkOutcome]:
        from distributed import as_completed

        limit = 2 * self.workers
        source = iter(tasks)
        first = [self._submit(task) for _, task in zip(range(limit), source, strict=False)]
        if not first:
            return
        running = as_completed(first)
        for future in running:
            outcome = future.result()
            future.release()
            task = next(source, None)
            if task is not None:
                running.add(self._submit(task))
            yield outcome

    def _submit(self, task: ChunkTask):
        from bargainsim.batch.worker import run_chunk

        # pure=False: equal tasks are still separate pieces of work (never deduplicated).
        return self._client.submit(run_chunk, task, pure=False)

    def describe(self) -> dict:
        return {
            "backend": self.name,
            "workers": self.workers,
            "scheduler": self.scheduler or "LocalCluster",
        }

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(backend: str | None = None, workers: int | None = None, scheduler=None):
    """The executor for the CLI's options: ``--scheduler`` implies Dask; otherwise the
    named backend, by default a process pool of ``workers`` processes (default: all cores)."""
    if workers is not None and workers < 1:
        raise BargainsimError(f"--workers must be at least 1; got {workers}")
    if scheduler:
        if backend not in (None, "dask"):
            raise BargainsimError(f"--scheduler needs the dask backend, not {backend!r}")
        return DaskExecutor(scheduler=scheduler)
    backend = backend or "processes"
    if backend == "inprocess":
        return InProcessExecutor()
    if backend == "processes":
        return ProcessPoolExecutor(workers)
    if backend == "dask":
        return DaskExecutor(workers=workers)
    raise BargainsimError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")
