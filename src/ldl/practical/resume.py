"""Ctrl-C and `--resume` for the stage-1 runs: checkpoints of fastai Learners at epoch boundaries.

A stage-1 run is one or more fastai fits in a row ("phases": the vision run has one; the text run
fits a language model, then two sentiment classifiers). `Phases` wraps each fit:

    phases = Phases(run)                         # run = start_run(..., resume=...)
    with phases:                                 # Ctrl-C / SIGTERM now stop politely
        if not phases.fit(learn, "lm_", num_epochs, lr, logger):
            return stopped(run, phases)          # interrupted: the checkpoint is on disk
        phases.done("lm_", {"lm_valid_loss": ...}, learn.model)

What a checkpoint holds, so that a resumed run ends with the numbers an uninterrupted one reaches:

- the phase and the next epoch to train, and the step counter of the logs;
- the model's weights and the optimizer's state (Adam's moving averages);
- every random generator (`rng_state()`: dropout draws from torch's) and each DataLoader's own
  shuffling generator, so the next epoch's batches are the same;
- the results (and, where later code needs it, the weights) of the phases already finished.

fastai's `fit_one_cycle(start_epoch=e)` skips the first e epochs but keeps the one-cycle schedule
where it would be: the learning rate at each batch is a function of (epoch + batch) / total. A
checkpoint is taken before the first epoch and after every epoch; Ctrl-C stops at the end of the
current batch, and `--resume` runs the unfinished epoch again from its start (fastai's loop cannot
start in the middle of an epoch). One limit: the smoothed training loss in the logs restarts with
the resumed fit, so the logged `train_loss` right after a resume differs slightly; the weights,
the validation metrics and the final results do not.
"""

from __future__ import annotations

import random
from typing import Any

from fastai.callback.core import Callback, CancelFitException
from fastai.learner import Recorder


def loader_state(dls) -> list[Any]:
    """The shuffling state of each of `dls`' loaders: a fastai DataLoader's `rng`
    (random.Random) or the torch generator of a torch DataLoader's sampler (None if neither)."""
    states = []
    for loader in dls.loaders:
        if isinstance(getattr(loader, "rng", None), random.Random):
            states.append({"python": loader.rng.getstate()})
        elif _generator(loader) is not None:
            states.append({"torch": _generator(loader).get_state()})
        else:
            states.append(None)
    return states


def restore_loaders(dls, states: list[Any]) -> None:
    """Put back what `loader_state` saved (after a checkpoint round trip: lists for tuples)."""
    for loader, state in zip(dls.loaders, states, strict=True):
        if state and "python" in state:
            version, internal, gauss = state["python"]
            loader.rng.setstate((version, tuple(internal), gauss))
        elif state and "torch" in state:
            _generator(loader).set_state(state["torch"])


def _generator(loader):
    sampler = getattr(loader, "sampler", None)
    sampler = getattr(sampler, "sampler", sampler)  # a BatchSampler wraps the RandomSampler
    return getattr(sampler, "generator", None)


class EpochCheckpoints(Callback):
    """Save a checkpoint before the first epoch and after each epoch; stop on Ctrl-C/SIGTERM."""

    order = Recorder.order + 2  # after RunLogger, so the step counter is up to date

    def __init__(self, phases: Phases, phase: str, logger, start_epoch: int):
        self.phases, self.phase, self.logger, self.start_epoch = phases, phase, logger, start_epoch

    def before_fit(self) -> None:
        if self.start_epoch == 0:
            self.phases.save(self.learn, self.phase, 0, self.logger.step)

    def after_batch(self) -> None:
        if self.phases.interrupt is not None and self.phases.interrupt.requested:
            self.phases.interrupted = True
            raise CancelFitException

    def after_epoch(self) -> None:
        if self.epoch >= self.start_epoch and not self.phases.interrupted:  # not a skipped epoch
            self.phases.save(self.learn, self.phase, self.epoch + 1, self.logger.step)


class Phases:
    """The fits of one run, their checkpoints, and where a resumed run picks up (module docstring)."""

    def __init__(self, run, progress=None):
        self.run = run
        self.progress = progress  # what the fits' loggers call after each reported step (`ldl run`'s bar)
        self.resumed: dict[str, Any] = dict(run.resumed.state) if run.resumed else {}
        self.finished: dict[str, Any] = dict(self.resumed.get("finished", {}))
        self.step = 0  # the log step where the next phase starts
        self.interrupt = None
        self.interrupted = False

    def __enter__(self) -> Phases:
        from ldl.tracking import GracefulInterrupt

        self._guard = GracefulInterrupt()
        self.interrupt = self._guard.__enter__()  # anything with a `requested` flag will do
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._guard.__exit__(*exc_info)

    def save(self, learn, phase: str, epoch: int, step: int) -> None:
        """Checkpoint `learn` in `phase`, about to train `epoch` (see the module docstring)."""
        from ldl.tracking import rng_state

        state = {
            "phase": phase,
            "epoch": epoch,
            "step": step,
            "model": learn.model.state_dict(),
            "optimizer": _plain(learn.opt.state_dict()),
            "rng": rng_state(),
            "loaders": loader_state(learn.dls),
            "finished": self.finished,
        }
        self.run.checkpoints.save(state, step)

    def fit(self, learn, phase: str, num_epochs: int, lr: float, logger, **kwargs) -> bool:
        """`learn.fit_one_cycle(num_epochs, lr, **kwargs)` with checkpoints, continuing from the
        checkpoint when the run resumes inside this phase. False when Ctrl-C stopped it."""
        from fastcore.foundation import L

        from ldl.tracking import restore_rng_state

        start_epoch = 0
        logger.step = self.step
        if self.resumed.get("phase") == phase:
            learn.create_opt()
            learn.model.load_state_dict(self.resumed["model"])
            learn.opt.load_state_dict(
                {**self.resumed["optimizer"], "hypers": L(self.resumed["optimizer"]["hypers"])}
            )
            restore_loaders(learn.dls, self.resumed["loaders"])
            restore_rng_state(self.resumed["rng"])  # last: building the learner drew numbers
            start_epoch, logger.step = self.resumed["epoch"], self.resumed["step"]
        logger.start_epoch = start_epoch
        checkpoints = EpochCheckpoints(self, phase, logger, start_epoch)
        if start_epoch < num_epochs:
            learn.fit_one_cycle(num_epochs, lr, cbs=[logger, checkpoints], start_epoch=start_epoch, **kwargs)
        self.step = logger.step
        return not self.interrupted

    def done(self, phase: str, results: dict[str, Any], model=None) -> None:
        """Record a finished phase's results (and the weights later code needs) for resumes."""
        self.finished[phase] = {"results": results, "model": model.state_dict() if model else None}
        self.finished[phase]["step"] = self.step

    def result(self, phase: str, model=None) -> dict[str, Any] | None:
        """A phase finished before the resume: its results (and weights, loaded into `model`)."""
        saved = self.finished.get(phase)
        if saved is None:
            return None
        if model is not None and saved["model"] is not None:
            model.load_state_dict(saved["model"])
        self.step = saved["step"]
        return dict(saved["results"])


def _plain(value: Any) -> Any:
    """An optimizer state dict as plain containers: checkpoints load with `weights_only=True`,
    which accepts tensors, lists, dicts and Python numbers, not fastcore's `L` or NumPy scalars."""
    import numpy as np
    from fastcore.foundation import L

    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | L):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
