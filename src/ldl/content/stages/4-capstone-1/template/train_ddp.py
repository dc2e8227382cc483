"""Train on one process or on many, unchanged: plain `python` or PyTorch DistributedDataParallel.

    python train_ddp.py --steps 200                                   # one process
    torchrun --standalone --nproc_per_node=2 train_ddp.py --steps 200 # two processes (DDP)

Why the two give the same model. Each step draws one *global* batch of `global_batch_size`
examples (the same on every process, from the seed and the step). With N processes, process r
takes its contiguous slice of size B/N and computes the mean loss on it; DDP then all-reduces the
gradients and divides by N, so every process holds

    (1/N) * sum_r grad[(1/(B/N)) * sum_{i in slice r} loss_i] = grad[(1/B) * sum_i loss_i],

the gradient of the mean loss on the whole global batch: exactly what one process computes. Same
initial weights (same seed) and same gradients give the same parameters after k steps, up to the
rounding of a different summation order. Two conditions: B divisible by N, and no layer that
mixes examples across the batch (BatchNorm would see B/N examples per process).

Backend: gloo on the CPU, NCCL on GPUs; `torchrun` sets RANK, WORLD_SIZE and the rendezvous.
Replace `load_data` and `make_model` with your project's. The data here: scikit-learn's digits.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class Config:
    steps: int = 50  # optimiser steps
    global_batch_size: int = 64  # examples per step, over all processes together
    lr: float = 0.05  # SGD learning rate
    seed: int = 0  # initial weights and the batch order
    out: str = "model.pt"  # where process 0 saves the final parameters


def load_data() -> tuple[torch.Tensor, torch.Tensor]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = torch.tensor(digits.data, dtype=torch.float32) / 16.0  # (1797, 64)
    return x, torch.tensor(digits.target)  # (1797,)


def make_model() -> torch.nn.Module:
    return torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))


def setup() -> tuple[int, int, torch.device]:
    """(rank, world size, device): a process group when launched by torchrun, else (0, 1, ...)."""
    if "RANK" not in os.environ:
        return 0, 1, torch.device("cuda" if torch.cuda.is_available() else "cpu")
    backend = "nccl" if torch.cuda.is_available() else "gloo"
    dist.init_process_group(backend=backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    if backend == "nccl":
        local = int(os.environ.get("LOCAL_RANK", 0))
        torch.cuda.set_device(local)
        return rank, world, torch.device("cuda", local)
    return rank, world, torch.device("cpu")


def train(config: Config) -> dict[str, torch.Tensor]:
    rank, world, device = setup()
    if config.global_batch_size % world:
        raise SystemExit(
            f"global_batch_size {config.global_batch_size} is not divisible by {world} processes"
        )
    torch.manual_seed(config.seed)  # the same initial weights on every process
    model = make_model().to(device)
    if world > 1:
        model = torch.nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=config.lr)
    x, y = load_data()
    order = torch.Generator().manual_seed(config.seed)
    share = config.global_batch_size // world
    for _ in range(config.steps):
        batch = torch.randint(len(x), (config.global_batch_size,), generator=order)  # same on all ranks
        mine = batch[rank * share : (rank + 1) * share]  # (B/N,)
        loss = torch.nn.functional.cross_entropy(model(x[mine].to(device)), y[mine].to(device))
        optimizer.zero_grad()
        loss.backward()  # DDP averages the gradients over processes here
        optimizer.step()
    module = model.module if world > 1 else model
    state = {name: tensor.detach().cpu() for name, tensor in module.state_dict().items()}
    if rank == 0:
        torch.save(state, config.out)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()
    return state


def parse_args() -> Config:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for field in dataclasses.fields(Config):
        parser.add_argument(
            f"--{field.name.replace('_', '-')}", type=type(field.default), default=field.default
        )
    return Config(**vars(parser.parse_args()))


if __name__ == "__main__":
    torch.set_num_threads(1)
    train(parse_args())
