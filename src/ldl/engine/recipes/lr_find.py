"""Reference run `deep-dive.lr-find`: the learning-rate range test on the Fashion-MNIST MLP or CNN.

Sweeps SGD-with-momentum's (or Adam's) learning rate exponentially, plots the smoothed loss and
suggests a rate (see ldl.engine.lr_finder). The plot is saved as plots/lr_find.png in the run.

    from ldl.engine.recipes import lr_find
    result = lr_find.train(lr_find.Config(fast=True))

Ctrl-C stops the sweep with a checkpoint of how far it got. The sweep is short and a function of
the seed alone, so `--resume` runs it again from its first step and ends with the same result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldl.engine import manual_seed, optim
from ldl.engine.losses import cross_entropy
from ldl.engine.lr_finder import lr_range_test, plot
from ldl.engine.recipes import cnn, mlp
from ldl.engine.recipes.common import STAGE, Result, fashion_mnist, threads


@dataclass
class Config:
    """Settings of the learning-rate range test."""

    seed: int = 0
    """Seeds the initial weights and the batches."""
    model: str = "mlp"
    """Which reference model to probe: "mlp" or "cnn"."""
    optimizer: str = "sgd"
    """"sgd" (with momentum 0.9) or "adam"."""
    start_lr: float = 1e-5
    """Smallest learning rate tried."""
    end_lr: float = 10.0
    """Largest learning rate tried (the sweep stops earlier once the loss explodes)."""
    num_steps: int = 200
    """Steps of the sweep, one batch each."""
    batch_size: int = 128
    """Images per step."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores; one is fastest on a busy machine)."""
    fast: bool = False
    """A few seconds' check: 1,024 images (recycled) and 30 steps."""


class _Stop(Exception):
    """Raised inside the sweep when Ctrl-C or SIGTERM asks it to stop."""


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Run the sweep, log (lr, loss) per step, save the plot, return the suggested rate."""
    from ldl.tracking import GracefulInterrupt, Progress, start_run

    if config.model not in ("mlp", "cnn") or config.optimizer not in ("sgd", "adam"):
        from ldl.errors import LdlError

        hint = 'Use model "mlp" or "cnn", and optimizer "sgd" or "adam".'
        raise LdlError(f"Unknown model {config.model!r} or optimizer {config.optimizer!r}.", hint=hint)
    manual_seed(config.seed)
    recipe = mlp if config.model == "mlp" else cnn
    model = recipe.make_model(recipe.Config())
    train_x, train_y, _, _ = fashion_mnist(config.fast, config.model == "mlp", config.seed)
    num_steps = 30 if config.fast else config.num_steps
    size = config.batch_size
    starts = range(0, min(num_steps * size, len(train_x) - size + 1), size)  # recycled if too few
    batches = [(train_x[i : i + size], train_y[i : i + size]) for i in starts]
    params = model.parameters()
    optimizer = (
        optim.SGD(params, lr=config.start_lr, momentum=0.9)
        if config.optimizer == "sgd"
        else optim.Adam(params)
    )
    run = start_run(STAGE, "lr-find", config, root=root, resume=resume)
    steps_done = 0

    def loss_fn(outputs, targets):  # the sweep calls this once per step: a place to look at Ctrl-C
        nonlocal steps_done
        if interrupt.requested:
            raise _Stop
        if progress is not None:
            progress(Progress(steps_done, num_steps, 0))
        steps_done += 1
        return cross_entropy(outputs, targets)

    with threads(config), GracefulInterrupt() as interrupt:
        try:
            found = lr_range_test(
                model, optimizer, loss_fn, batches, config.start_lr, config.end_lr, num_steps
            )
        except _Stop:
            run.checkpoints.save({"position": {"step": steps_done}}, steps_done)
            run.close("interrupted")
            return Result({"steps": steps_done}, run.dir, interrupted=True)
    for step, (lr, loss) in enumerate(zip(found.lrs, found.losses, strict=True)):
        run.log(step=step, lr=lr, smoothed_loss=loss)
    run.save_figure(plot(found), "lr_find")
    metrics = {"suggested_lr": found.suggested_lr, "min_loss_lr": found.min_loss_lr, "steps": len(found.lrs)}
    run.finish(**metrics)
    return Result(
        metrics,
        run.dir,
        [{"lr": lr, "smoothed_loss": loss} for lr, loss in zip(found.lrs, found.losses, strict=True)],
    )
