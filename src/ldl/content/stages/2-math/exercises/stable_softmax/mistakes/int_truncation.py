"""Integer logits come back as zeros: you made the output with `np.zeros_like(logits)` (or
`np.empty_like`), which copies the input's integer dtype, so every probability between 0 and 1 is
truncated to 0 when stored. Let numpy make the result: `exps / exps.sum(...)` is already float."""

import numpy as np


def softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    out = np.zeros_like(logits)
    out[...] = exps / exps.sum(axis=axis, keepdims=True)
    return out


def log_softmax(logits, axis=-1):
    shifted = logits - logits.max(axis=axis, keepdims=True)
    out = np.zeros_like(logits)
    out[...] = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return out
