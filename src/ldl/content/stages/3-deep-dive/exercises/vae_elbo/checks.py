"""Checks for vae_elbo: the log-likelihood on (3, 6) logits, on (2, 1, 4, 4) images (summed over every
pixel), with logits of ±800 (the stable form is required: numpy warnings fail the case), and on
non-binary pixel values; the negative ELBO with beta = 1 and beta = 4 and on image-shaped inputs.
Arguments must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(43)
    logits, x = rng.normal(size=(3, 6)) * 3, (rng.random((3, 6)) > 0.5).astype(float)
    images_logits, images = rng.normal(size=(2, 1, 4, 4)), rng.random((2, 1, 4, 4))
    sure = np.array([[800.0, -800.0, 800.0, -800.0]])
    mu, logvar = rng.normal(size=(3, 2)), rng.normal(size=(3, 2)) * 0.5
    return [
        Case("log-likelihood, (3, 6)", call="bernoulli_log_likelihood", args=(logits, x)),
        Case("log-likelihood, images", call="bernoulli_log_likelihood", args=(images_logits, images)),
        Case(
            "log-likelihood, logits of ±800 (right and wrong)",
            call="bernoulli_log_likelihood",
            args=(sure, np.array([[1.0, 0.0, 0.0, 1.0]])),
        ),
        Case(
            "log-likelihood, grey pixels",
            call="bernoulli_log_likelihood",
            args=(rng.normal(size=(2, 5)), rng.random((2, 5))),
        ),
        Case("negative ELBO, beta = 1", call="negative_elbo", args=(logits, x, mu, logvar)),
        Case(
            "negative ELBO, beta = 4",
            call="negative_elbo",
            args=(logits, x, mu, logvar),
            kwargs={"beta": 4.0},
        ),
        Case(
            "negative ELBO, images",
            call="negative_elbo",
            args=(images_logits, images, rng.normal(size=(2, 3)), rng.normal(size=(2, 3))),
        ),
    ]
