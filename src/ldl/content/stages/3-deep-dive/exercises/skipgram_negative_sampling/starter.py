"""The skip-gram loss with negative sampling. See statement.md."""

import numpy as np


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    """(mean loss, grad_center (V, d), grad_context (V, d)) for B pairs and their (B, K) negatives."""
    raise NotImplementedError
