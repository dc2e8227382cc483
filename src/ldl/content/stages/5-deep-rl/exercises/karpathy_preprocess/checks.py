"""Checks for karpathy_preprocess: the worked example; synthetic Pong-like frames with both
background shades, two paddles and a ball (including content in the cropped-away score area
and on odd rows/columns that the stride skips); a frame that is all background; a difference
frame at the start of an episode and after the ball moved; and the input frame left untouched."""

import numpy as np

from ldl.grading.spec import Case


def pong_like(ball_row, ball_col, seed):
    rng = np.random.default_rng(seed)
    frame = np.zeros((210, 160, 3), np.uint8)
    frame[:, :, 0], frame[:, :, 1], frame[:, :, 2] = 144, 72, 17  # background (red 144)
    frame[35:60, :, 0] = 109  # the other background shade
    frame[:34, 20:40] = 213  # the score, cropped away
    frame[90:106, 140:144] = (92, 186, 92)  # our paddle
    frame[70:86, 16:20] = (213, 130, 74)  # the opponent
    frame[ball_row : ball_row + 4, ball_col : ball_col + 2] = 236  # the ball
    frame[196:, :] = rng.integers(0, 255, size=(14, 160, 3))  # below the field, cropped away
    return frame


def worked(module):
    frame = np.full((210, 160, 3), 144, np.uint8)
    frame[100, 40] = 236
    return module.preprocess(frame)


def episode(module):
    first, second = pong_like(100, 60, 1), pong_like(104, 64, 1)
    x0, p0 = module.difference_frame(first, None)
    x1, p1 = module.difference_frame(second, p0)
    return {"x0": x0, "p0": p0, "x1": x1, "p1": p1}


def cases():
    return [
        Case("the worked example", probe="worked", show_input=False),
        Case("a Pong-like frame", call="preprocess", args=(pong_like(120, 81, 0),), show_input=False),
        Case(
            "the ball on an odd row and column",
            call="preprocess",
            args=(pong_like(121, 77, 2),),
            show_input=False,
        ),
        Case(
            "all background",
            call="preprocess",
            args=(np.full((210, 160, 3), 109, np.uint8),),
            show_input=False,
        ),
        Case("difference frames over two steps", probe="episode", show_input=False),
    ]
