"""You scatter the gradient rows with grad[ids] += rows. When an id appears more than once in ids,
numpy applies only one of its updates (the others are overwritten, not added): frequent words lose
most of their gradient. Use np.add.at(grad, ids, rows), which accumulates every repeat."""

import numpy as np


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    b = len(centers)
    v, u_pos, u_neg = center_vectors[centers], context_vectors[contexts], context_vectors[negatives]
    s_pos, s_neg = np.sum(u_pos * v, -1), np.einsum("bkd,bd->bk", u_neg, v)
    loss = np.mean(np.logaddexp(0.0, -s_pos) + np.logaddexp(0.0, s_neg).sum(1))
    g_pos = -0.5 * (1 + np.tanh(-0.5 * s_pos)) / b
    g_neg = 0.5 * (1 + np.tanh(0.5 * s_neg)) / b
    grad_center, grad_context = np.zeros_like(center_vectors), np.zeros_like(context_vectors)
    grad_center[centers] += g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg)
    grad_context[contexts] += g_pos[:, None] * v
    grad_context[negatives] += g_neg[:, :, None] * v[:, None, :]
    return float(loss), grad_center, grad_context
