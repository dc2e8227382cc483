"""Checks for multi_head_attention: split and merge (and that they are inverses; the split may be a
view of x, but must not change it), merge on its own, then whole self-attention with 1, 2, 4 and
8 heads, causal or not, a batch of one, a sequence of one."""

import numpy as np

from ldl.grading.spec import Case


def round_trip(module, x, num_heads):
    split = module.split_heads(x, num_heads)
    return {"split": split, "merged_back": module.merge_heads(split)}


def _weights(seed, channels):
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(channels)
    return (
        rng.uniform(-scale, scale, size=(3 * channels, channels)),
        rng.uniform(-scale, scale, size=3 * channels),
        rng.uniform(-scale, scale, size=(channels, channels)),
        rng.uniform(-scale, scale, size=channels),
    )


def self_attention(module, x, seed, num_heads, causal):
    return module.multi_head_attention(x, *_weights(seed, x.shape[-1]), num_heads, causal)


VIEW = "split_heads is a reshape and a transpose: returning a view of x is right (PyTorch does too)"


def cases():
    rng = np.random.default_rng(18)
    x = rng.normal(size=(2, 5, 8))
    return [
        Case(
            "split into 2 heads and merge back",
            probe="round_trip",
            args=(x, 2),
            may_alias=True,
            reason=VIEW,
        ),
        Case(
            "split into 4 heads and merge back",
            probe="round_trip",
            args=(x, 4),
            may_alias=True,
            reason=VIEW,
        ),
        Case("merge 3 heads of size 2", call="merge_heads", args=(rng.normal(size=(2, 3, 4, 2)),)),
        Case("one head: plain self-attention", probe="self_attention", args=(x, 0, 1, False)),
        Case("2 heads", probe="self_attention", args=(x, 1, 2, False)),
        Case("4 heads, causal", probe="self_attention", args=(x, 2, 4, True)),
        Case("8 heads of size 1, causal", probe="self_attention", args=(x, 3, 8, True)),
        Case("a batch of one", probe="self_attention", args=(x[:1], 4, 2, True)),
        Case("a sequence of one position", probe="self_attention", args=(x[:, :1], 5, 2, True)),
    ]
