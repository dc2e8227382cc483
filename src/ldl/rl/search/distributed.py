"""Self-play on many machines: the same `play_games` workers, run as Ray actors.

Ray (pip install -e ".[scale]") schedules actors on every machine of a Ray cluster (`ray start` on
each; see Ray's docs). Nothing here is home-made networking: each actor gets a picklable
`SelfPlayTask` and returns a `SelfPlayOutput`, exactly as a local worker process does, so results,
seeds and resumes are the same whichever backend plays the games. If Ray is not yet initialised,
`ray.init()` starts a local instance (or joins the cluster named by RAY_ADDRESS).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ldl.errors import LdlError
from ldl.rl.search.selfplay import SelfPlayOutput, SelfPlayTask, play_games


def _ray():
    try:
        import ray
    except ModuleNotFoundError as error:
        raise LdlError(
            "backend='ray' needs Ray, which is not installed.",
            hint='Install the scale extra: pip install -e ".[scale]", or use backend="processes".',
        ) from error
    return ray


class RaySelfPlay:
    """`num_actors` Ray actors, each playing one task per iteration."""

    def __init__(self, num_actors: int):
        ray = _ray()
        if not ray.is_initialized():
            ray.init(include_dashboard=False)

        @ray.remote(num_cpus=1)
        class SelfPlayActor:
            def call(self, fn: Callable[[Any], Any], task: Any) -> Any:
                return fn(task)

        self.ray = ray
        self.actors = [SelfPlayActor.remote() for _ in range(num_actors)]

    def submit(self, fn: Callable[[Any], Any], tasks: list) -> Callable[[], list]:
        """Start `fn(task)` on the actors in turn; returns a function that collects the results."""
        refs = [self.actors[i % len(self.actors)].call.remote(fn, task) for i, task in enumerate(tasks)]
        return lambda: self.ray.get(refs)  # in task order

    def run(self, tasks: list[SelfPlayTask]) -> list[SelfPlayOutput]:
        return self.submit(play_games, tasks)()

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
