"""You use the squared error everywhere. Its gradient grows with the error, which is exactly what
the Huber loss avoids: beyond |x| > delta the loss is linear and the gradient is delta * sign(x)."""

import numpy as np


def huber_loss(td_errors, delta=1.0):
    return float(np.mean(0.5 * td_errors**2)), td_errors / td_errors.size
