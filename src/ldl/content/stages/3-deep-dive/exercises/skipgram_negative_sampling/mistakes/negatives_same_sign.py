"""You push the negatives' scores UP like the true context's: -log σ(u_n · v_c) instead of
-log σ(-u_n · v_c). The negatives are words that did not occur near c, so the model should give
them a LOW score: their term is softplus(+s_neg), and its gradient is +σ(s_neg)."""

import numpy as np


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    b = len(centers)
    v, u_pos, u_neg = center_vectors[centers], context_vectors[contexts], context_vectors[negatives]
    s_pos, s_neg = np.sum(u_pos * v, -1), np.einsum("bkd,bd->bk", u_neg, v)
    loss = np.mean(np.logaddexp(0.0, -s_pos) + np.logaddexp(0.0, -s_neg).sum(1))
    g_pos = -0.5 * (1 + np.tanh(-0.5 * s_pos)) / b
    g_neg = -0.5 * (1 + np.tanh(-0.5 * s_neg)) / b
    grad_center, grad_context = np.zeros_like(center_vectors), np.zeros_like(context_vectors)
    np.add.at(grad_center, centers, g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg))
    np.add.at(grad_context, contexts, g_pos[:, None] * v)
    np.add.at(grad_context, negatives, g_neg[:, :, None] * v[:, None, :])
    return float(loss), grad_center, grad_context
