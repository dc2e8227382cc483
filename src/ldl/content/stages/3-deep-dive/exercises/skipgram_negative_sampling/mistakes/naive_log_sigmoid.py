"""You compute -np.log(1 / (1 + np.exp(-s))). For a score of -1000, np.exp(1000) overflows (numpy
warns) and the loss is inf. Write -log σ(s) as softplus(-s) = np.logaddexp(0, -s), which is exact
and never overflows."""

import numpy as np


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    b = len(centers)
    v, u_pos, u_neg = center_vectors[centers], context_vectors[contexts], context_vectors[negatives]
    s_pos, s_neg = np.sum(u_pos * v, -1), np.einsum("bkd,bd->bk", u_neg, v)
    loss = np.mean(-np.log(1 / (1 + np.exp(-s_pos))) - np.log(1 / (1 + np.exp(s_neg))).sum(1))
    g_pos = -0.5 * (1 + np.tanh(-0.5 * s_pos)) / b
    g_neg = 0.5 * (1 + np.tanh(0.5 * s_neg)) / b
    grad_center, grad_context = np.zeros_like(center_vectors), np.zeros_like(context_vectors)
    np.add.at(grad_center, centers, g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg))
    np.add.at(grad_context, contexts, g_pos[:, None] * v)
    np.add.at(grad_context, negatives, g_neg[:, :, None] * v[:, None, :])
    return float(loss), grad_center, grad_context
