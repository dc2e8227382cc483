"""The skip-gram loss with negative sampling (reference solution)."""

import numpy as np


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    batch = len(centers)
    v = center_vectors[centers]  # (B, d)
    u_pos = context_vectors[contexts]  # (B, d)
    u_neg = context_vectors[negatives]  # (B, K, d)
    s_pos = np.sum(u_pos * v, axis=-1)  # (B,)
    s_neg = np.einsum("bkd,bd->bk", u_neg, v)  # (B, K)
    loss = np.mean(np.logaddexp(0.0, -s_pos) + np.logaddexp(0.0, s_neg).sum(axis=1))
    g_pos = -_sigmoid(-s_pos) / batch  # d loss / d s_pos, (B,)
    g_neg = _sigmoid(s_neg) / batch  # d loss / d s_neg, (B, K)
    grad_center = np.zeros_like(center_vectors, dtype=np.float64)
    grad_context = np.zeros_like(context_vectors, dtype=np.float64)
    np.add.at(grad_center, centers, g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg))
    np.add.at(grad_context, contexts, g_pos[:, None] * v)  # repeated ids add up
    np.add.at(grad_context, negatives, g_neg[:, :, None] * v[:, None, :])
    return float(loss), grad_center, grad_context
