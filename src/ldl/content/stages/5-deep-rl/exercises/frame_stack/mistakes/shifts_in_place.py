"""Your stack is right, but you shifted the caller's array in place and returned it. The replay
buffer (or the previous observation) may still hold that array: build a new one."""

import numpy as np

LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)
ROWS, COLS = (np.arange(84) * 210) // 84, (np.arange(84) * 160) // 84


def atari_frame(frame, previous_frame):
    grey = np.maximum(frame, previous_frame).astype(np.float32) @ LUMA
    return np.rint(grey[ROWS][:, COLS]).astype(np.uint8)


def stack_frames(stack, frame, reset):
    if reset:
        stack[:] = frame
    else:
        stack[:-1] = stack[1:].copy()
        stack[-1] = frame
    return stack
