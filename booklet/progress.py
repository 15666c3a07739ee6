"""Progress of a build, for a person watching a terminal.

The pipeline calls `step()` as it goes (photos prepared, pages laid out, copies built); it
costs nothing when no one listens. The command line listens with `TerminalProgress`, which
draws one line on standard error once a build has taken more than a moment, and only on a
terminal: scripts, pipes and `--quiet` see nothing.
"""
from __future__ import annotations

import time

_listener = None


def step(what: str, done: int, total: int | None = None) -> None:
    if _listener is not None:
        _listener(what, done, total)


class listening:
    """`with listening(callback):` sends the steps of the builds inside to `callback`."""

    def __init__(self, callback):
        self.callback = callback

    def __enter__(self):
        global _listener
        self.previous, _listener = _listener, self.callback
        return self.callback

    def __exit__(self, *exc):
        global _listener
        _listener = self.previous
        if hasattr(self.callback, "close"):
            self.callback.close()


class TerminalProgress:
    """One line, redrawn in place: `Preparing photos  [######------]  12/40`."""

    def __init__(self, stream, delay: float = 0.4, width: int = 24):
        self.stream, self.delay, self.width = stream, delay, width
        self.start = time.monotonic()
        self.last_draw = 0.0
        self.shown = False

    def __call__(self, what: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if now - self.start < self.delay or (now - self.last_draw < 0.05 and not finished):
            return
        self.last_draw = now
        if total:
            filled = round(self.width * min(done, total) / total)
            line = f"{what:<18} [{'#' * filled}{'-' * (self.width - filled)}] {done}/{total}"
        else:
            line = f"{what:<18} {done}"
        self.stream.write("\r" + line[:79].ljust(79))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:                              # leave the terminal as it was
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()
            self.shown = False
