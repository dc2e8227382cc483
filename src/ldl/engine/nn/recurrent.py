"""Recurrent layers: RNN, LSTM and GRU, written as a Python loop over time steps.

All three read a batch of sequences x (B, T, input_size) (PyTorch's `batch_first=True`) and carry
a hidden state h (B, H) from step to step. Weights follow PyTorch's names and gate order
(`weight_ih_l0` (G*H, input_size), `weight_hh_l0` (G*H, H), two biases), so state dicts load
into `torch.nn.LSTM(..., batch_first=True)` unchanged. Each returns (outputs (B, T, H), state),
where state is h_n (num_layers, B, H), or (h_n, c_n) for the LSTM.
"""

from __future__ import annotations

import numpy as np

from ldl.engine.nn.functional import linear
from ldl.engine.nn.init import default_uniform
from ldl.engine.nn.module import Module, Parameter
from ldl.engine.tensor import Tensor, stack


class _Recurrent(Module):
    gates = 1  # how many H-sized blocks each weight matrix holds

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, dtype=np.float32):
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        rows = self.gates * hidden_size
        for layer in range(num_layers):
            width = input_size if layer == 0 else hidden_size
            for name, shape in [
                (f"weight_ih_l{layer}", (rows, width)),
                (f"weight_hh_l{layer}", (rows, hidden_size)),
                (f"bias_ih_l{layer}", (rows,)),
                (f"bias_hh_l{layer}", (rows,)),
            ]:
                setattr(self, name, Parameter(default_uniform(shape, hidden_size, dtype)))

    def _weights(self, layer: int) -> tuple[Tensor, Tensor, Tensor, Tensor]:
        return tuple(
            getattr(self, f"{kind}_l{layer}") for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        )

    def _zeros(self, x: Tensor) -> Tensor:
        return Tensor(np.zeros((x.shape[0], self.hidden_size), dtype=x.dtype))  # (B, H)

    def forward(self, x: Tensor, state=None):
        """x (B, T, input_size) -> (outputs (B, T, H), final state)."""
        finals = []
        for layer in range(self.num_layers):
            carry = self._initial(x, state, layer)
            outputs = []
            for t in range(x.shape[1]):
                carry = self.cell(x[:, t], carry, *self._weights(layer))  # x[:, t] is (B, input)
                outputs.append(carry[0] if isinstance(carry, tuple) else carry)
            x = stack(outputs, axis=1)  # (B, T, H)
            finals.append(carry)
        return x, self._final(finals)

    def _initial(self, x, state, layer):
        return self._zeros(x) if state is None else state[layer]

    def _final(self, finals):
        return stack(finals, axis=0)  # (num_layers, B, H)


class RNN(_Recurrent):
    """Elman RNN:  h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)."""

    @staticmethod
    def cell(x, h, w_ih, w_hh, b_ih, b_hh):
        return (linear(x, w_ih, b_ih) + linear(h, w_hh, b_hh)).tanh()


class LSTM(_Recurrent):
    """Long short-term memory (Hochreiter & Schmidhuber, 1997); gates in PyTorch's order i, f, g, o.

    i, f, o = sigmoid(...)   input, forget and output gates, each in (0, 1)
    g       = tanh(...)      the candidate to write
    c_t = f * c_{t-1} + i * g        the cell: an additive path that keeps gradients alive
    h_t = o * tanh(c_t)
    """

    gates = 4

    @staticmethod
    def cell(x, carry, w_ih, w_hh, b_ih, b_hh):
        h, c = carry
        i, f, g, o = (linear(x, w_ih, b_ih) + linear(h, w_hh, b_hh)).chunk(4, axis=-1)  # 4 x (B, H)
        c = f.sigmoid() * c + i.sigmoid() * g.tanh()
        return o.sigmoid() * c.tanh(), c

    def _initial(self, x, state, layer):
        if state is None:
            return self._zeros(x), self._zeros(x)
        h, c = state
        return h[layer], c[layer]

    def _final(self, finals):
        return stack([h for h, _ in finals], axis=0), stack([c for _, c in finals], axis=0)


class GRU(_Recurrent):
    """Gated recurrent unit (Cho et al., 2014); gates in PyTorch's order r, z, n.

    r = sigmoid(x W_ir + b_ir + h W_hr + b_hr)        reset: how much past to use
    z = sigmoid(x W_iz + b_iz + h W_hz + b_hz)        update: how much to keep
    n = tanh(x W_in + b_in + r * (h W_hn + b_hn))     the candidate
    h_t = (1 - z) * n + z * h_{t-1}
    """

    gates = 3

    @staticmethod
    def cell(x, h, w_ih, w_hh, b_ih, b_hh):
        x_r, x_z, x_n = linear(x, w_ih, b_ih).chunk(3, axis=-1)  # 3 x (B, H)
        h_r, h_z, h_n = linear(h, w_hh, b_hh).chunk(3, axis=-1)
        r, z = (x_r + h_r).sigmoid(), (x_z + h_z).sigmoid()
        n = (x_n + r * h_n).tanh()
        return (1.0 - z) * n + z * h
