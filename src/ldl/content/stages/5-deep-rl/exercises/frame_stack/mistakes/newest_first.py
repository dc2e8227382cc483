"""Your stack puts the newest frame first. The convention here (and in Gymnasium's FrameStack) is
oldest first, newest last: drop stack[0] and append the new frame at the end."""

import numpy as np

LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)
ROWS, COLS = (np.arange(84) * 210) // 84, (np.arange(84) * 160) // 84


def atari_frame(frame, previous_frame):
    grey = np.maximum(frame, previous_frame).astype(np.float32) @ LUMA
    return np.rint(grey[ROWS][:, COLS]).astype(np.uint8)


def stack_frames(stack, frame, reset):
    if reset:
        return np.repeat(frame[None], stack.shape[0], axis=0)
    return np.concatenate([frame[None], stack[:-1]], axis=0)
