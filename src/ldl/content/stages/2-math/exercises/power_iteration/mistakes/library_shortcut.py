"""You asked numpy's eigensolver for the answer. It is right, but the exercise is the iteration
itself: start from a random vector, multiply by A and normalise, num_steps times, then take the
Rayleigh quotient xᵀ A x. (A run cut short must give the iterate after exactly num_steps steps.)"""

import numpy as np


def power_iteration(A, num_steps=200, seed=0):
    values, vectors = np.linalg.eigh(A)
    top = int(np.argmax(np.abs(values)))
    return float(values[top]), vectors[:, top]
