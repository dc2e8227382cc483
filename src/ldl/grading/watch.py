"""`ldl watch`: re-check whenever the learner saves, by polling file modification times.

Polling (rather than inotify or a watcher library) needs no extra dependency, behaves the same on
every OS, and costs nothing noticeable at two looks per second. Editors that save by writing a
new file and renaming it are caught too, because the size and the modification time are read
from the path, not from an open file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

Stamp = tuple[int, int] | None  # (mtime in ns, size), or None when the file does not exist


def stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def watch_loop(
    paths: Callable[[], Sequence[Path]],
    on_change: Callable[[], None],
    *,
    poll_seconds: float = 0.5,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Call `on_change()` once now and again after every change to any of `paths()`.

    `paths` is a function so the watched files can change between checks (e.g. the next exercise
    after a pass). Runs until interrupted (Ctrl-C raises KeyboardInterrupt in the caller) or, for
    tests, until `max_polls` polls have happened. Returns how many times `on_change` ran.
    """
    runs, polls = 0, 0
    stamps = _stamps(paths())
    on_change()
    runs += 1
    while max_polls is None or polls < max_polls:
        sleep(poll_seconds)
        polls += 1
        current = _stamps(paths())
        if current != stamps:
            stamps = current
            on_change()
            runs += 1
            stamps = _stamps(paths())  # the files to watch may have changed
    return runs


def _stamps(paths: Sequence[Path]) -> dict[Path, Stamp]:
    return {path: stamp(path) for path in paths}
