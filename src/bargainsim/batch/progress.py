"""A one-line progress bar with rate and ETA, drawn only on a terminal.

On a terminal (the stream is a TTY) the line is redrawn at most ten times a second; in CI
or when the output goes to a log nothing is drawn, and the command's summary is the only
output.
"""

from __future__ import annotations

import sys
import time


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    def __init__(self, total: int, *, already: int = 0, stream=None, enabled=None, width=30):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.total = total
        self.already = already  # runs finished before this session (a resumed batch)
        self.done = already
        self.failed = 0
        self.width = width
        self.started = time.perf_counter()
        self._last_draw = 0.0

    def advance(self, runs: int, failed: int = 0) -> None:
        self.done += runs
        self.failed += failed
        now = time.perf_counter()
        if self.enabled and (now - self._last_draw >= 0.1 or self.done >= self.total):
            self._last_draw = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        now = time.perf_counter() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        session_runs = self.done - self.already
        rate = session_runs / elapsed
        fraction = self.done / self.total if self.total else 1.0
        filled = int(self.width * fraction)
        bar = "#" * filled + "." * (self.width - filled)
        eta = format_duration((self.total - self.done) / rate) if rate > 0 else "?"
        failed = f", {self.failed} failed" if self.failed else ""
        return f"[{bar}] {self.done}/{self.total} runs  {rate:,.0f} runs/s  ETA {eta}{failed}  "

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
