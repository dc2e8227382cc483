"""Your formulas are right, but they ignore the `h` they are given (a fixed step inside the
function, say 1e-5). When the caller asks for h = 0.1, use 0.1: the step is part of the method's
contract, and the checks compare answers whose error depends on it."""


def derivative(f, x, h=1e-5):
    return (f(x + 1e-5) - f(x - 1e-5)) / (2 * 1e-5)


def second_derivative(f, x, h=1e-4):
    return (f(x + 1e-4) - 2 * f(x) + f(x - 1e-4)) / 1e-4**2


def directional_derivative(f, x, v, h=1e-5):
    return float((f(x + 1e-5 * v) - f(x - 1e-5 * v)) / (2 * 1e-5))
