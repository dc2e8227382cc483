"""You divided by h, but the two points x − h and x + h are 2h apart: divide by 2h. (Your answers
come out exactly twice too large.)"""


def derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


def second_derivative(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def directional_derivative(f, x, v, h=1e-5):
    return float((f(x + h * v) - f(x - h * v)) / h)
