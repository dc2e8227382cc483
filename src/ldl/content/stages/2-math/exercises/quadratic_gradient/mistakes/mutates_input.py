"""Your gradient is right, but you symmetrised the caller's A in place (`A += A.T`): after your
call their matrix is changed, and calling your function twice gives two different answers. Build
a new matrix: `0.5 * (A + A.T)`."""


def quadratic_value(A, b, x):
    return float(0.5 * x @ A @ x - b @ x)


def quadratic_gradient(A, b, x):
    A += A.T
    return 0.5 * A @ x - b


def quadratic_hessian(A):
    return 0.5 * (A + A.T)
