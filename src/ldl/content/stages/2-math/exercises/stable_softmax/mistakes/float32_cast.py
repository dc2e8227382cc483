"""Your probabilities come back as float32 while the logits were float64: somewhere the array was
converted (`.astype(np.float32)`, `dtype=np.float32`), perhaps because deep-learning code runs in
float32. The values agree to about 7 digits only, and every later step inherits the lost precision.
Keep the dtype you were given: compute in the input's precision and convert nothing."""

import numpy as np


def softmax(logits, axis=-1):
    shifted = (logits - logits.max(axis=axis, keepdims=True)).astype(np.float32)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    shifted = (logits - logits.max(axis=axis, keepdims=True)).astype(np.float32)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
