"""You averaged the three channels. Perceived brightness weights green most and blue least:
Y = 0.299 R + 0.587 G + 0.114 B."""

import numpy as np

ROWS, COLS = (np.arange(84) * 210) // 84, (np.arange(84) * 160) // 84


def atari_frame(frame, previous_frame):
    grey = np.maximum(frame, previous_frame).astype(np.float32).mean(axis=2)
    return np.rint(grey[ROWS][:, COLS]).astype(np.uint8)


def stack_frames(stack, frame, reset):
    if reset:
        return np.repeat(frame[None], stack.shape[0], axis=0)
    return np.concatenate([stack[1:], frame[None]], axis=0)
