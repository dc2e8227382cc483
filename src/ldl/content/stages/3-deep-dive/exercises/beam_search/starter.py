"""Beam search over a table of next-token log-probabilities. See statement.md."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    """(tokens, score) of the best sequence found by beam search (see statement.md for the rules)."""
    raise NotImplementedError
