"""Checks for beam_search: a 4-token table where greedy decoding loses and a beam of 2 wins, beam width 1
(greedy), a beam wider than the vocabulary, a search cut at max_len with nothing finished, a length
penalty that turns a short winner into a long one, a 600-step search over a uniform-ish table (where
multiplying probabilities underflows to 0), and an end token that is the most likely first token."""

import numpy as np

from ldl.grading.spec import Case


def _table(probabilities):
    return np.log(np.asarray(probabilities, dtype=np.float64))


def cases():
    # tokens: 0 = start, 1 = "a", 2 = "b", 3 = end.  Greedy: "a" (0.6) then a flat row; beam: "b" then end.
    trap = _table(
        [
            [0.05, 0.55, 0.35, 0.05],  # after start
            [0.25, 0.25, 0.25, 0.25],  # after "a": nothing stands out
            [0.02, 0.02, 0.02, 0.94],  # after "b": end, almost surely
            [0.25, 0.25, 0.25, 0.25],
        ]
    )
    short_or_long = _table(
        [
            [0.01, 0.30, 0.30, 0.39],  # end right away is the single best first step
            [0.01, 0.01, 0.97, 0.01],
            [0.01, 0.01, 0.01, 0.97],
            [0.25, 0.25, 0.25, 0.25],
        ]
    )
    rng = np.random.default_rng(59)
    noisy = rng.random((6, 6)) + 1.0
    noisy[:, 5] = 1e-9  # the end token is (almost) never chosen
    noisy = np.log(noisy / noisy.sum(1, keepdims=True))
    return [
        Case("greedy loses, beam of 2 wins", call="beam_search", args=(trap, 0, 3, 2, 5)),
        Case("beam width 1 is greedy", call="beam_search", args=(trap, 0, 3, 1, 5)),
        Case("a beam wider than the vocabulary", call="beam_search", args=(trap, 0, 3, 10, 4)),
        Case("cut at max_len, nothing finished", call="beam_search", args=(noisy, 0, 5, 3, 4)),
        Case("no length penalty: the short one wins", call="beam_search", args=(short_or_long, 0, 3, 3, 4)),
        Case(
            "length penalty 1.0: the long one wins",
            call="beam_search",
            args=(short_or_long, 0, 3, 3, 4),
            kwargs={"length_penalty": 1.0},
        ),
        Case("600 steps: add log-probabilities", call="beam_search", args=(noisy, 0, 5, 2, 600), rtol=1e-9),
    ]
