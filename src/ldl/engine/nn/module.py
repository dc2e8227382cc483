"""`Module` and `Parameter`: how a network keeps track of its weights.

A `Parameter` is a `Tensor` that always requires a gradient. A `Module` is any object whose
attributes are parameters, buffers (state that is saved but not trained, like BatchNorm's running
mean) or other modules. Walking those attributes gives `named_parameters()` with PyTorch's dotted
names (`layers.0.weight`), so a `state_dict` from the engine loads into the same PyTorch model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ldl.engine.tensor import Tensor


class Parameter(Tensor):
    """A trainable tensor: `requires_grad` is always True."""

    def __init__(self, data, dtype=None):
        super().__init__(data, requires_grad=True, dtype=dtype)


class Module:
    """Base class of every layer and model. Subclasses set attributes and define `forward`."""

    training: bool = True

    def forward(self, *inputs):
        raise NotImplementedError

    def __call__(self, *inputs, **options):
        return self.forward(*inputs, **options)

    def register_buffer(self, name: str, value: np.ndarray) -> None:
        """Keep `value` in the state dict without training it."""
        self.__dict__.setdefault("_buffer_names", []).append(name)
        setattr(self, name, value)

    def named_children(self) -> Iterator[tuple[str, Module]]:
        for name, value in vars(self).items():
            if isinstance(value, Module):
                yield name, value

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """(dotted name, parameter) for this module and every module inside it, in order."""
        for name, value in vars(self).items():
            if isinstance(value, Parameter):
                yield prefix + name, value
            elif isinstance(value, Module):
                yield from value.named_parameters(prefix + name + ".")

    def parameters(self) -> list[Parameter]:
        return [p for _, p in self.named_parameters()]

    def named_buffers(self, prefix: str = "") -> Iterator[tuple[str, np.ndarray]]:
        for name in vars(self).get("_buffer_names", []):
            yield prefix + name, getattr(self, name)
        for name, child in self.named_children():
            yield from child.named_buffers(prefix + name + ".")

    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter and buffer, by dotted name."""
        state = {name: p.data.copy() for name, p in self.named_parameters()}
        state.update((name, np.array(b, copy=True)) for name, b in self.named_buffers())
        return state

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        """Copy values into the existing arrays; names and shapes must match exactly."""
        own = dict(self.named_parameters())
        buffers = dict(self.named_buffers())
        expected = set(own) | set(buffers)
        if set(state) != expected:
            missing, extra = sorted(expected - set(state)), sorted(set(state) - expected)
            raise KeyError(f"state dict mismatch: missing {missing}, unexpected {extra}")
        for name, value in state.items():
            target = own[name].data if name in own else buffers[name]
            value = np.asarray(value)
            if value.shape != target.shape:
                raise ValueError(f"{name}: expected shape {target.shape}, got {value.shape}")
            np.copyto(target, value)

    def train(self, mode: bool = True) -> Module:
        """Training mode: dropout drops, batch norm uses (and updates) batch statistics."""
        self.training = mode
        for _, child in self.named_children():
            child.train(mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode: dropout off, batch norm uses its running statistics."""
        return self.train(False)

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = None

    def num_parameters(self) -> int:
        return sum(p.size for p in self.parameters())

    def cast(self, dtype) -> Module:
        """Convert every parameter and float buffer to `dtype` in place (float32 <-> float64)."""
        for p in self.parameters():
            p.data = p.data.astype(dtype)
        for name, value in vars(self).items():
            if name in vars(self).get("_buffer_names", []) and np.asarray(value).dtype.kind == "f":
                setattr(self, name, np.asarray(value, dtype=dtype))
        for _, child in self.named_children():
            child.cast(dtype)
        return self


class ModuleList(Module):
    """A list of modules whose parameters the parent can see (a plain list would hide them).
    Children are attributes named "0", "1", ... like PyTorch's."""

    def __init__(self, modules: Iterable[Module] = ()):
        for i, module in enumerate(modules):
            setattr(self, str(i), module)

    def __iter__(self) -> Iterator[Module]:
        return (module for _, module in self.named_children())

    def __getitem__(self, i: int) -> Module:
        return [module for _, module in self.named_children()][i]

    def __len__(self) -> int:
        return sum(1 for _ in self.named_children())


class Sequential(ModuleList):
    """Apply modules one after another."""

    def __init__(self, *modules: Module):
        super().__init__(modules)

    def forward(self, x):
        for module in self:
            x = module(x)
        return x
