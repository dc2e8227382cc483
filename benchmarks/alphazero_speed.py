"""How fast is AlphaZero's training loop on a CPU? Each speed-up against its peer, in the same run.

    python benchmarks/alphazero_speed.py network [--repeats 300]     channels-last vs contiguous
    python benchmarks/alphazero_speed.py loop [--iterations 4]        overlapped vs turn-taking

`network` times `PolicyValueNet` (Connect Four size: 48 channels, 4 residual blocks) on one thread:
a self-play batch of 16 positions in inference mode, and a training step on 256, once with the
channels-last layout the network uses and once with the same weights in PyTorch's default
(contiguous NCHW) layout. It also checks the two give the same outputs.

`loop` trains `ConnectFourConfig` (2 worker processes) for a few iterations twice, with `overlap`
(the main process trains while the workers play) and without (they take turns), and compares the
median wall time of an iteration after the first (which waits for games in both). Wall time needs
an otherwise idle machine; the load average is printed beside it.

Both print JSON lines with the ratio peer / ours (above 1: ours is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("LDL_TENSORBOARD", "0")


def emit(record: dict) -> None:
    print(json.dumps({**record, "load_average": [round(x, 1) for x in os.getloadavg()]}), flush=True)


def _contiguous_forward(model, x):
    """PolicyValueNet.forward without the switch to channels-last: the peer."""
    h = model.blocks(model.stem(x))
    return model.policy_head(h), model.value_head(h).squeeze(1)


def _time(fn, repeats: int) -> float:
    for _ in range(max(2, repeats // 10)):  # warm-up
        fn()
    started = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - started) / repeats


def network(args) -> dict:
    import copy

    import torch

    from ldl.rl.games import ConnectFour
    from ldl.rl.search.network import PolicyValueNet

    torch.set_num_threads(1)
    torch.manual_seed(0)
    game = ConnectFour()
    ours = PolicyValueNet(game, args.channels, args.blocks).eval()
    peer = copy.deepcopy(ours).to(memory_format=torch.contiguous_format)
    batch = torch.randn(16, 3, game.rows, game.cols)
    with torch.inference_mode():
        a, b = ours(batch), _contiguous_forward(peer, batch)
        same = max(float((a[0] - b[0]).abs().max()), float((a[1] - b[1]).abs().max()))
        ours_s = _time(lambda: ours(batch), args.repeats)
        peer_s = _time(lambda: _contiguous_forward(peer, batch), args.repeats)
    big = torch.randn(256, 3, game.rows, game.cols)

    def step(model, forward):
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)

        def run():
            logits, values = forward(model, big)
            loss = logits.logsumexp(dim=1).mean() + values.square().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        return run

    train_repeats = max(3, args.repeats // 30)
    ours_train = _time(step(copy.deepcopy(ours).train(), lambda m, x: m(x)), train_repeats)
    peer_train = _time(step(copy.deepcopy(peer).train(), _contiguous_forward), train_repeats)
    record = {
        "part": "network", "max_output_difference": same,
        "inference_ms": {"channels_last": 1e3 * ours_s, "contiguous": 1e3 * peer_s},
        "inference_speedup": peer_s / ours_s,
        "train_step_ms": {"channels_last": 1e3 * ours_train, "contiguous": 1e3 * peer_train},
        "train_speedup": peer_train / ours_train,
    }  # fmt: skip
    emit(record)
    return record


def loop(args) -> dict:
    import json as jsonlib
    import statistics

    from ldl.rl.search.alphazero import ConnectFourConfig, train

    seconds = {}
    with tempfile.TemporaryDirectory() as root:
        for overlap in (True, False):
            config = ConnectFourConfig(overlap=overlap, num_iterations=args.iterations,
                                       evaluate_every=10_000, eval_opponents=["random"], eval_games=2,
                                       cpu_limit_minutes=None)  # fmt: skip
            result = train(config, root=f"{root}/{overlap}")
            lines = (result.run_dir / "metrics.jsonl").read_text().splitlines()
            rows = [jsonlib.loads(line) for line in lines]
            times = [row["seconds"] for row in rows]
            seconds[overlap] = statistics.median(b - a for a, b in zip(times, times[1:], strict=False))
    record = {"part": "loop", "iterations": args.iterations,
              "seconds_per_iteration": {"overlap": seconds[True], "turn_taking": seconds[False]},
              "speedup": seconds[False] / seconds[True]}  # fmt: skip
    emit(record)
    return record


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    sub = parser.add_subparsers(dest="part", required=True)
    net = sub.add_parser("network", help="channels-last vs contiguous layout, one thread")
    net.add_argument("--repeats", type=int, default=300)
    net.add_argument("--channels", type=int, default=48)
    net.add_argument("--blocks", type=int, default=4)
    lp = sub.add_parser("loop", help="overlapped vs turn-taking training loop, 2 workers")
    lp.add_argument("--iterations", type=int, default=4)
    args = parser.parse_args()
    {"network": network, "loop": loop}[args.part](args)


if __name__ == "__main__":
    main()
