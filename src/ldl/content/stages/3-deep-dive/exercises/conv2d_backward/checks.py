"""Checks for conv2d_backward: col2im (overlapping windows, padding, stride 2, col2im of im2col of
ones, random columns, integer columns keeping their dtype), the three gradients for several
strides and paddings, a 1x1 kernel, a kernel as large as the image, a batch of one, and central
differences."""

import numpy as np

from ldl.grading.spec import Case


def col2im_of_ones(module, x_shape, kernel_h, kernel_w, stride, padding):
    """How many windows cover each pixel: col2im(im2col(ones))."""
    import conv2d_forward  # the learner's own (the reference's on the expected side)

    cols = conv2d_forward.im2col(np.ones(x_shape), kernel_h, kernel_w, stride, padding)
    return module.col2im(cols, x_shape, kernel_h, kernel_w, stride, padding)


def call_col2im(module, cols, x_shape, kernel_h, kernel_w, stride, padding):
    return module.col2im(cols, tuple(x_shape), kernel_h, kernel_w, stride, padding)


def against_central_differences(module, seed, stride, padding):
    """L = sum(G * conv2d(x, w, b)); compare every gradient entry with central differences."""
    import conv2d_forward

    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(2, 2, 5, 4)), rng.normal(size=(3, 2, 3, 2)), rng.normal(size=3)
    g = rng.normal(size=conv2d_forward.conv2d(x, w, b, stride, padding).shape)
    grads = module.conv2d_backward(x, w, g, stride, padding)

    def numeric(array, loss):
        out = np.zeros_like(array)
        for index in np.ndindex(*array.shape):
            step = np.zeros_like(array)
            step[index] = 1e-6
            out[index] = (loss(array + step) - loss(array - step)) / 2e-6
        return out

    expected = (
        numeric(x, lambda x_: np.sum(g * conv2d_forward.conv2d(x_, w, b, stride, padding))),
        numeric(w, lambda w_: np.sum(g * conv2d_forward.conv2d(x, w_, b, stride, padding))),
        numeric(b, lambda b_: np.sum(g * conv2d_forward.conv2d(x, w, b_, stride, padding))),
    )
    return [
        bool(np.shape(got) == want.shape and np.allclose(got, want, atol=1e-6))
        for got, want in zip(grads, expected, strict=True)
    ]


def cases():
    rng = np.random.default_rng(11)
    x = rng.normal(size=(2, 3, 6, 5))
    w = rng.normal(size=(4, 3, 3, 3))
    cases = [
        Case(
            "col2im(im2col(ones)), 3x3 kernel, stride 1",
            probe="col2im_of_ones",
            args=((1, 1, 5, 5), 3, 3, 1, 0),
        ),
        Case("col2im(im2col(ones)) with padding 1", probe="col2im_of_ones", args=((1, 2, 4, 4), 3, 3, 1, 1)),
        Case(
            "col2im(im2col(ones)), 3x3 kernel, stride 2",
            probe="col2im_of_ones",
            args=((1, 1, 7, 7), 3, 3, 2, 0),
        ),
        Case(
            "col2im of random columns",
            probe="call_col2im",
            args=(rng.normal(size=(2 * 4 * 3, 3 * 3 * 3)), (2, 3, 6, 5), 3, 3, 1, 0),
        ),
    ]
    cases.append(
        Case(
            "col2im of integer columns keeps their dtype",
            probe="call_col2im",
            args=(np.arange(4 * 18).reshape(4, 18), (1, 2, 3, 4), 3, 3, 2, 1),
        )
    )
    for stride, padding in ((1, 0), (1, 1), (2, 1), (3, 0)):
        oh, ow = (6 + 2 * padding - 3) // stride + 1, (5 + 2 * padding - 3) // stride + 1
        g = rng.normal(size=(2, 4, oh, ow))
        cases.append(
            Case(
                f"gradients, stride {stride}, padding {padding}",
                call="conv2d_backward",
                args=(x, w, g, stride, padding),
            )
        )
    g = rng.normal(size=(1, 4, 6, 5))
    cases += [
        Case(
            "gradients, a 1x1 kernel",
            call="conv2d_backward",
            args=(x, rng.normal(size=(2, 3, 1, 1)), rng.normal(size=(2, 2, 6, 5))),
        ),
        Case(
            "gradients, a kernel as large as the image",
            call="conv2d_backward",
            args=(x, rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(2, 2, 1, 1))),
        ),
        Case("gradients, a batch of one", call="conv2d_backward", args=(x[:1], w, g, 1, 1)),
        Case(
            "all three gradients against central differences",
            probe="against_central_differences",
            args=(0, 2, 1),
        ),
    ]
    return cases
