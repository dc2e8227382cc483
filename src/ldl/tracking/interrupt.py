"""Stop a training loop politely: save first, then exit.

    with GracefulInterrupt() as interrupt:
        for batch in batches:
            train_step(batch)
            if interrupt.requested:
                run.checkpoints.save(state, step)    # at a step boundary: a consistent state
                break

The first Ctrl-C (SIGINT) or SIGTERM only sets `interrupt.requested`; the loop notices at the next
step boundary, saves a checkpoint and ends normally. A second Ctrl-C raises KeyboardInterrupt at
once, wherever the loop is: even in the middle of a save that is harmless, because checkpoints are
written to a temporary file and renamed atomically (see checkpoint.py), so the last good checkpoint
stays intact. Signal handlers can only be installed from the main thread; elsewhere this context
manager does nothing and `requested` stays False.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType


class GracefulInterrupt:
    """Context manager that turns the first SIGINT/SIGTERM into a flag and the second into an exit."""

    def __init__(self, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM), quiet: bool = False):
        self.signals = signals
        self.quiet = quiet
        self.requested = False
        self.signal_name: str | None = None
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:  # the second one: stop now
            raise KeyboardInterrupt
        self.requested = True
        self.signal_name = signal.Signals(signum).name
        if not self.quiet:
            print(
                f"\n{self.signal_name} received: saving a checkpoint at the end of this step, then "
                "stopping. Press Ctrl-C again to quit at once.",
                file=sys.stderr,
                flush=True,
            )

    def __enter__(self) -> GracefulInterrupt:
        if threading.current_thread() is threading.main_thread():
            for signum in self.signals:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous.clear()
