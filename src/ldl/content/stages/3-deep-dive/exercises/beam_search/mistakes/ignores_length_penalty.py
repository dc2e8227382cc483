"""You rank the finished hypotheses by their raw log-probability and ignore length_penalty. Every
token adds a negative log-probability, so without the penalty short sequences win by default; with
length_penalty = α the ranking uses score / len(tokens) ** α (and you still return the raw score)."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    live, finished = [([], 0.0)], []
    for _ in range(max_len):
        if not live:
            break
        candidates = [
            (tokens + [token], score + float(log_probs[tokens[-1] if tokens else start, token]))
            for tokens, score in live
            for token in range(log_probs.shape[1])
        ]
        best = sorted(candidates, key=lambda c: -c[1])[:beam_width]
        finished += [c for c in best if c[0][-1] == end]
        live = [c for c in best if c[0][-1] != end]
    finished += live
    return finished[int(np.argmax([score for _, score in finished]))]
