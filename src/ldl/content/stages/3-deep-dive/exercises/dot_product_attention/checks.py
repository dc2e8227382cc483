"""Checks for dot_product_attention: the causal mask (sizes 4 and 1), attention without and with
masks (causal, padding, broadcast over heads), batched heads, cross-attention (Tq != Tk), one
position, large d, huge scores (in the thousands, where a softmax without the max shift overflows),
the backward pass (no mask, causal, padding, huge scores), and the backward pass against central
differences."""

import numpy as np

from ldl.grading.spec import Case


def against_central_differences(module, seed, causal):
    rng = np.random.default_rng(seed)
    q, k, v = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 5))
    g = rng.normal(size=(2, 4, 5))
    mask = module.causal_mask(4) if causal else None
    inputs = [q, k, v]
    grads = module.attention_backward(q, k, v, g, mask)
    agree = []
    for n, array in enumerate(inputs):
        numeric = np.zeros_like(array)
        for index in np.ndindex(*array.shape):
            for sign in (1, -1):
                nudged = [a.copy() for a in inputs]
                nudged[n][index] += sign * 1e-6
                numeric[index] += sign * np.sum(g * module.attention(*nudged, mask)[0]) / 2e-6
        agree.append(bool(np.shape(grads[n]) == array.shape and np.allclose(grads[n], numeric, atol=1e-6)))
    return agree


def cases():
    rng = np.random.default_rng(17)
    q, k, v = rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 6))
    heads = [rng.normal(size=(2, 3, 5, 4)) for _ in range(3)]
    causal = np.tril(np.ones((5, 5), dtype=bool))
    padding = np.ones((2, 1, 5), dtype=bool)
    padding[1, 0, 3:] = False  # the second sequence has 3 real tokens: every query ignores keys 3, 4
    grad = rng.normal(size=(2, 5, 6))
    return [
        Case("causal_mask(4)", call="causal_mask", args=(4,)),
        Case("causal_mask(1)", call="causal_mask", args=(1,)),
        Case("no mask, (2, 5, 4)", call="attention", args=(q, k, v)),
        Case("a causal mask", call="attention", args=(q, k, v, causal)),
        Case("a padding mask (2, 1, 5), broadcast over queries", call="attention", args=(q, k, v, padding)),
        Case("(B, H, T, d) heads with a causal mask", call="attention", args=(*heads, causal)),
        Case("cross-attention: 2 queries, 5 keys", call="attention", args=(q[:, :2], k, v)),
        Case(
            "a sequence of one position",
            call="attention",
            args=(q[:, :1], k[:, :1], v[:, :1], causal[:1, :1]),
        ),
        Case(
            "d = 256, where the scale matters",
            call="attention",
            args=(*[rng.normal(size=(1, 3, 256)) for _ in range(3)],),
        ),
        Case("huge scores (in the thousands), causal", call="attention", args=(q * 60, k * 60, v, causal)),
        Case("backward, no mask", call="attention_backward", args=(q, k, v, grad)),
        Case("backward, causal mask", call="attention_backward", args=(q, k, v, grad, causal)),
        Case("backward, padding mask", call="attention_backward", args=(q, k, v, grad, padding)),
        Case(
            "backward with huge scores (in the thousands)",
            call="attention_backward",
            args=(q * 60, k * 60, v, grad),
        ),
        Case(
            "backward against central differences, causal",
            probe="against_central_differences",
            args=(0, True),
        ),
    ]
