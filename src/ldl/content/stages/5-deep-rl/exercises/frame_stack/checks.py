"""Checks for frame_stack: a random colour frame pair (max-pooling, grey weights, the sampling
grid, rounding, uint8); a flickering object present in only one of the two frames; a pure red,
green and blue frame (the weights); stacks of 4 and of 2 frames on reset and after three steps
(newest last); and inputs that must not change (frames and the caller's stack)."""

import numpy as np

from ldl.grading.spec import Case


def frames(seed):
    rng = np.random.default_rng(seed)
    return (
        rng.integers(0, 256, size=(210, 160, 3), dtype=np.uint8),
        rng.integers(0, 256, size=(210, 160, 3), dtype=np.uint8),
    )


def flicker(module):
    dark = np.zeros((210, 160, 3), np.uint8)
    lit = dark.copy()
    lit[100:110, 80:84] = 200  # a sprite drawn on one frame only
    return {"lit_first": module.atari_frame(lit, dark), "lit_second": module.atari_frame(dark, lit)}


def colours(module):
    out = {}
    for i, name in enumerate(["red", "green", "blue"]):
        frame = np.zeros((210, 160, 3), np.uint8)
        frame[..., i] = 255
        out[name] = module.atari_frame(frame, frame)
    return out


def stacking(module, k, seed):
    rng = np.random.default_rng(seed)
    new = [rng.integers(0, 256, size=(84, 84), dtype=np.uint8) for _ in range(4)]
    stack = np.zeros((k, 84, 84), np.uint8)
    history = []
    for i, frame in enumerate(new):
        stack = module.stack_frames(stack, frame, reset=(i == 0))
        history.append(stack.copy())
    return history


def cases():
    a, b = frames(0)
    return [
        Case("a random colour frame pair", call="atari_frame", args=(a, b), show_input=False),
        Case("a sprite on one frame only (flicker)", probe="flicker"),
        Case("pure red, green and blue", probe="colours"),
        Case("a stack of 4: reset, then three steps", probe="stacking", args=(4, 1)),
        Case("a stack of 2", probe="stacking", args=(2, 2)),
        Case(
            "one step on a given stack",
            call="stack_frames",
            args=(
                np.arange(3 * 84 * 84, dtype=np.uint8).reshape(3, 84, 84) % 251,
                np.full((84, 84), 7, np.uint8),
                False,
            ),
        ),
    ]
