"""Checkpoints that survive a crash at any instant, and resume exactly.

    manager = CheckpointManager(run.dir / "checkpoints", keep_last=3, config=config)
    manager.save({"model": model.state_dict(), "optimizer": ..., "rng": rng_state()}, step=100)
    checkpoint = manager.latest()        # newest one that loads, or None
    model.load_state_dict(checkpoint.state["model"])

How a save stays safe when the process is killed half-way (SIGKILL, power cut, second Ctrl-C):

1. write the whole checkpoint to a new temporary file in the same folder and fsync it;
2. rename it to its final name (`step-000000100.pt`): on POSIX a rename within one folder is atomic,
   so the final name points either to nothing or to a complete file, never to half a file;
3. fsync the folder, so the rename itself is on disk;
4. only then prune old checkpoints down to `keep_last`, newest first: the checkpoint just written
   is never pruned, so the only valid checkpoint is never deleted.

`latest()` skips (with a warning) a newest file that is damaged anyway, e.g. by a full disk.
Each checkpoint stores the run's config; loading one into a run with a different config is refused
with the names of the fields that differ, because the resumed run would no longer be the same run.
"""

from __future__ import annotations

import os
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldl.errors import LdlError
from ldl.tracking import checkpoint_format as fmt
from ldl.tracking.configs import config_defaults, config_to_dict, describe_config_diff
from ldl.tracking.store import process_alive

SCHEMA_VERSION = 1
_NAME = re.compile(r"^step-(\d{9,})\.(pt|npz)$")
# Testing hook, unset in normal use: "STEP:SECONDS" pauses the save of step STEP for SECONDS between
# writing the temporary file and renaming it, so a test can kill the process mid-save deterministically.
SAVE_PAUSE_ENV = "LDL_TEST_CHECKPOINT_SAVE_PAUSE"


class CorruptCheckpoint(LdlError):
    """A checkpoint file that is truncated, damaged or not a checkpoint at all."""


@dataclass(frozen=True)
class Checkpoint:
    """One loaded checkpoint: the state you saved, at `step`, with the config and metadata."""

    path: Path
    step: int
    state: dict[str, Any]
    config: dict[str, Any] | None
    metadata: dict[str, Any]


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _test_pause(step: int) -> None:
    pause_step, _, seconds = os.environ.get(SAVE_PAUSE_ENV, "").partition(":")
    if pause_step and int(pause_step) == step:
        time.sleep(float(seconds))


class CheckpointManager:
    """Atomic checkpoints in one folder, keeping the `keep_last` newest.

    `config` (a dataclass or dict) is stored in every checkpoint and compared on load.
    `metadata` is called at each save; what it returns is stored beside the state (the Run uses it
    to remember how many metric records were written when the checkpoint was taken).
    """

    def __init__(
        self,
        directory: str | Path,
        keep_last: int = 3,
        config: Any = None,
        metadata: Callable[[], dict[str, Any]] | None = None,
        may_change: tuple[str, ...] = (),
        defaults: dict[str, Any] | None = None,
    ):
        if keep_last < 1:
            raise LdlError(f"keep_last must be at least 1, not {keep_last}.")
        self.dir = Path(directory)
        self.keep_last = keep_last
        self.config = None if config is None else config_to_dict(config)
        self._metadata = metadata
        self.may_change = tuple(may_change)  # config fields a resume may change (see resume_may_change)
        self.defaults = dict(defaults) if defaults is not None else config_defaults(config)  # new fields
        self.dir.mkdir(parents=True, exist_ok=True)
        self.remove_orphans()

    # --- listing -----------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        """Checkpoint files, oldest first (by step)."""
        found = [(int(m.group(1)), p) for p in self.dir.iterdir() if (m := _NAME.match(p.name))]
        return [path for _, path in sorted(found)]

    def remove_orphans(self) -> list[Path]:
        """Delete temporary files left by saves that were killed (whose process is gone)."""
        removed = []
        for path in self.dir.glob(".step-*.tmp"):
            pid_text = path.name.split(".")[-2]  # .step-000000100.pt.<pid>.tmp
            pid = int(pid_text) if pid_text.isdigit() else 0
            if not pid or not process_alive(pid) or pid == os.getpid():
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    # --- saving ------------------------------------------------------------------------------

    def save(self, state: dict[str, Any], step: int) -> Path:
        """Write `state` as the checkpoint of `step` atomically; prune old ones; return its path."""
        step = int(step)
        tree = {
            "schema": SCHEMA_VERSION,
            "step": step,
            "config": self.config,
            "metadata": self._metadata() if self._metadata else {},
            "state": state,
        }
        use_torch = fmt.holds_torch(state)
        final = self.dir / f"step-{step:09d}.{'pt' if use_torch else 'npz'}"
        temporary = self.dir / f".{final.name}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as file:
                (fmt.write_torch if use_torch else fmt.write_npz)(tree, file)
                file.flush()
                os.fsync(file.fileno())
            _test_pause(step)
            os.replace(temporary, final)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _fsync_dir(self.dir)
        self._prune(keep=final)
        return final

    def _prune(self, keep: Path) -> None:
        paths = self.paths()
        for path in paths[: max(0, len(paths) - self.keep_last)]:
            if path != keep:
                path.unlink(missing_ok=True)

    # --- loading -----------------------------------------------------------------------------

    def load(self, path: str | Path) -> Checkpoint:
        """Load one checkpoint safely (no code runs); refuse it if its config differs from ours."""
        path = Path(path)
        if not fmt.is_intact(path):
            raise CorruptCheckpoint(
                f"{path} is not a complete checkpoint: it is truncated or damaged, or ldl did not write it.",
                hint="Resume from an earlier checkpoint in the same folder, or start a new run.",
            )
        try:
            tree = fmt.read_torch(path) if path.suffix == ".pt" else fmt.read_npz(path)
        except LdlError:
            raise
        except Exception as error:  # a damaged archive surfaces as many different errors
            raise CorruptCheckpoint(f"{path} could not be read: {error}") from error
        if not isinstance(tree, dict) or tree.get("schema") != SCHEMA_VERSION:
            raise CorruptCheckpoint(f"{path} is not an ldl checkpoint (schema {SCHEMA_VERSION}).")
        if self.config is not None and tree["config"] is not None:
            self.check_config(tree["config"], path)
        return Checkpoint(path, tree["step"], tree["state"], tree["config"], tree.get("metadata") or {})

    def check_config(self, saved: dict[str, Any], path: Path) -> None:
        """Refuse to resume a checkpoint written under another config, naming what differs."""
        differences = describe_config_diff(saved, self.config or {}, self.may_change, self.defaults)
        if differences:
            raise LdlError(
                f"The checkpoint {path} was written with a different config: {differences}.",
                hint="Resume with the same settings the run started with, or start a new run "
                "(without resume) to use the new ones.",
            )

    def latest(self) -> Checkpoint | None:
        """The newest checkpoint that loads; damaged newer ones are skipped with a warning."""
        for path in reversed(self.paths()):
            try:
                return self.load(path)
            except CorruptCheckpoint as error:
                warnings.warn(f"Skipping damaged checkpoint: {error.message}", stacklevel=2)
        return None
