"""You keep extending hypotheses after they emit the end token. A finished sequence is finished: move
it out of the beam (to the finished list) when it ends, so it neither grows nor takes a beam slot
from a live hypothesis."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    live = [([], 0.0)]
    for _ in range(max_len):
        candidates = [
            (tokens + [token], score + float(log_probs[tokens[-1] if tokens else start, token]))
            for tokens, score in live
            for token in range(log_probs.shape[1])
        ]
        live = sorted(candidates, key=lambda c: -c[1])[:beam_width]
    ranked = [score / len(tokens) ** length_penalty for tokens, score in live]
    return live[int(np.argmax(ranked))]
