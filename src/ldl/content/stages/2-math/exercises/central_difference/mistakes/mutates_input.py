"""Your directional derivative moves the caller's x in place (`x += h * v`, then `x -= 2 * h * v`)
and never moves it back, so after your call their point has shifted. Evaluate f at new arrays:
`f(x + h * v)` and `f(x - h * v)` leave x alone."""


def derivative(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def second_derivative(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def directional_derivative(f, x, v, h=1e-5):
    x += h * v
    up = f(x)
    x -= 2 * h * v
    down = f(x)
    return float((up - down) / (2 * h))
