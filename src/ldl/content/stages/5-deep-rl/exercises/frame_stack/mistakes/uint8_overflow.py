"""You computed the grey value in uint8 arithmetic, which wraps around above 255 (and the products
lose their fractions). Convert to float32 before weighting the channels."""

import numpy as np

ROWS, COLS = (np.arange(84) * 210) // 84, (np.arange(84) * 160) // 84


def atari_frame(frame, previous_frame):
    pooled = np.maximum(frame, previous_frame)
    grey = (pooled[..., 0] * 77 + pooled[..., 1] * 150 + pooled[..., 2] * 29).astype(np.uint8)
    return grey[ROWS][:, COLS]


def stack_frames(stack, frame, reset):
    if reset:
        return np.repeat(frame[None], stack.shape[0], axis=0)
    return np.concatenate([stack[1:], frame[None]], axis=0)
