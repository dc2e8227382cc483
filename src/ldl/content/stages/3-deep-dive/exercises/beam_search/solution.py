"""Beam search over a table of next-token log-probabilities (reference solution)."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    vocab = log_probs.shape[1]
    live, finished = [([], 0.0)], []
    for _ in range(max_len):
        if not live:
            break
        candidates = [
            (tokens + [token], score + float(log_probs[tokens[-1] if tokens else start, token]))
            for tokens, score in live
            for token in range(vocab)
        ]
        best = sorted(candidates, key=lambda candidate: -candidate[1])[:beam_width]  # stable on ties
        finished += [c for c in best if c[0][-1] == end]
        live = [c for c in best if c[0][-1] != end]
    finished += live
    ranked = [score / len(tokens) ** length_penalty for tokens, score in finished]
    tokens, score = finished[int(np.argmax(ranked))]  # argmax: the first on a tie
    return tokens, score
