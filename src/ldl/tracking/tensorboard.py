"""Scalars for TensorBoard, when it is installed (`tensorboard --logdir runs/`).

Written with TensorBoard's own event-file writer rather than `torch.utils.tensorboard`, so that a
NumPy-only run does not import torch just to log a number. Optional: without the `tensorboard`
package `open_writer` returns None and runs keep their metrics.jsonl and PNG plots only.
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path
from typing import Any


class ScalarWriter:
    """Appends scalar summaries to an event file under `directory`."""

    def __init__(self, directory: Path, purge_step: int | None = None):
        from tensorboard.compat.proto.event_pb2 import Event, SessionLog
        from tensorboard.summary.writer.event_file_writer import EventFileWriter

        self._writer = EventFileWriter(str(directory))
        if purge_step is not None:
            # A resumed run: tell TensorBoard to drop what the crashed run logged after `purge_step`.
            self._writer.add_event(Event(step=purge_step, file_version="brain.Event:2"))
            start = SessionLog(status=SessionLog.START)
            self._writer.add_event(Event(step=purge_step, session_log=start))

    def scalars(self, step: int, metrics: dict[str, Any]) -> None:
        from tensorboard.compat.proto.event_pb2 import Event
        from tensorboard.compat.proto.summary_pb2 import Summary

        values = [
            Summary.Value(tag=name, simple_value=float(value))
            for name, value in metrics.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)
        ]
        if values:
            event = Event(wall_time=time.time(), step=int(step), summary=Summary(value=values))
            self._writer.add_event(event)

    def flush(self) -> None:
        self._writer.flush()

    def close(self) -> None:
        self._writer.close()


def open_writer(directory: Path, purge_step: int | None = None, enabled: bool | None = None):
    """A ScalarWriter, or None when TensorBoard is missing, `enabled` is False, or LDL_TENSORBOARD=0."""
    if enabled is None:
        enabled = os.environ.get("LDL_TENSORBOARD", "1") not in ("0", "false", "no")
    if not enabled or importlib.util.find_spec("tensorboard") is None:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    return ScalarWriter(directory, purge_step)
