"""Your search keeps only the single best token at each step (greedy decoding), whatever beam_width
says. On the first check greedy takes "a" (the likeliest first token) and then finds nothing good
after it, while a beam of 2 also keeps "b", which leads to a far likelier whole sequence."""

import numpy as np


def beam_search(log_probs, start, end, beam_width, max_len, length_penalty=0.0):
    tokens, score, last = [], 0.0, start
    for _ in range(max_len):
        token = int(np.argmax(log_probs[last]))
        tokens, score, last = tokens + [token], score + float(log_probs[last, token]), token
        if token == end:
            break
    return tokens, score
