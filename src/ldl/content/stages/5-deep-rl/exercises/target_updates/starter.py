"""Hard and soft target-network updates. See statement.md."""

import torch


def hard_update(target_net: torch.nn.Module, online_net: torch.nn.Module) -> None:
    """Copy the online parameters' values into the target's own parameters, in place."""
    raise NotImplementedError


def soft_update(target_net: torch.nn.Module, online_net: torch.nn.Module, tau: float = 0.005) -> None:
    """target <- tau * online + (1 - tau) * target, in place, without gradient history."""
    raise NotImplementedError
