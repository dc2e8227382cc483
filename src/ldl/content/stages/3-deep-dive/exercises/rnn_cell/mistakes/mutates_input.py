"""Your BPTT added the carried gradient into the caller's grad_outputs (`grad_outputs[t] += dh`), so
after the call their upstream gradients are changed. Add into a new array instead: pass
grad_outputs[t] + dh to the cell's backward; the rest of your walk back through time is right."""

import numpy as np


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    """h_next = tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh). x (B, D), h (B, H) -> (B, H)."""
    return np.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)


def rnn_cell_backward(x, h, w_ih, w_hh, b_ih, b_hh, grad_h_next):
    """(grad_x, grad_h, grad_w_ih, grad_w_hh, grad_b_ih, grad_b_hh) for one step."""
    h_next = rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh)
    da = grad_h_next * (1 - h_next**2)  # through the tanh: (B, H)
    grad_b = da.sum(axis=0)  # both biases are added once per example
    return da @ w_ih, da @ w_hh, da.T @ x, da.T @ h, grad_b, grad_b.copy()


def rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
    """xs (T, B, D), h0 (B, H) -> (outputs (T, B, H), h_last (B, H))."""
    h, outputs = h0, []
    for x in xs:
        h = rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh)
        outputs.append(h)
    return np.stack(outputs), h


def rnn_backward(xs, h0, w_ih, w_hh, b_ih, b_hh, grad_outputs):
    """Backpropagation through time: walk the steps backwards, carrying dL/dh."""
    outputs, _ = rnn_forward(xs, h0, w_ih, w_hh, b_ih, b_hh)
    states_in = [h0, *outputs[:-1]]  # the state entering each step
    grad_xs = np.zeros_like(xs)
    grads = [np.zeros_like(w_ih), np.zeros_like(w_hh), np.zeros_like(b_ih), np.zeros_like(b_hh)]
    dh = np.zeros_like(h0)  # dL/dh_t through the future steps; none after the last
    for t in reversed(range(len(xs))):
        grad_outputs[t] += dh  # the gradient from the future joins this step's own
        grad_x, dh, *step_grads = rnn_cell_backward(
            xs[t], states_in[t], w_ih, w_hh, b_ih, b_hh, grad_outputs[t]
        )
        grad_xs[t] = grad_x
        # the weights are shared by every step: their gradients add up over time
        grads = [total + g for total, g in zip(grads, step_grads, strict=True)]
    return (grad_xs, dh, *grads)
