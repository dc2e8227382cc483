"""Your second derivative is divided by h once, but it needs h²: it is a difference of two slopes
(each already divided by h), divided again by the distance h between them:
(f(x + h) − 2 f(x) + f(x − h)) / h²."""


def derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def second_derivative(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / h


def directional_derivative(f, x, v, h=1e-5):
    return float((f(x + h * v) - f(x - h * v)) / (2 * h))
