"""Checks for gan_losses: the discriminator loss on moderate logits, with 8 real and 5 fake images, and
with logits of ±1000 (stable form required: numpy warnings fail); both generator losses on moderate
logits and at ±1000; both gradients, including the regime where D rejects the fakes (logits around
-10: the saturating gradient all but vanishes). Arguments must come back unchanged."""

import numpy as np

from ldl.grading.spec import Case


def cases():
    rng = np.random.default_rng(47)
    real, fake = rng.normal(size=8) * 2 + 1, rng.normal(size=5) * 2 - 1
    extreme = np.array([1000.0, -1000.0, 3.0])
    rejected = -10.0 + rng.normal(size=6)
    out = [
        Case("D loss, 8 real and 5 fake", call="discriminator_loss", args=(real, fake)),
        Case("D loss, logits of ±1000", call="discriminator_loss", args=(extreme, -extreme)),
    ]
    for saturating in (False, True):
        kind = "saturating" if saturating else "non-saturating"
        options = {"saturating": saturating} if saturating else {}
        out += [
            Case(f"G loss, {kind}", call="generator_loss", args=(fake,), kwargs=options),
            Case(f"G loss, {kind}, logits of ±1000", call="generator_loss", args=(extreme,), kwargs=options),
            Case(f"G gradient, {kind}", call="generator_loss_grad", args=(fake,), kwargs=options),
            Case(
                f"G gradient, {kind}, fakes rejected (logits near -10)",
                call="generator_loss_grad",
                args=(rejected,),
                kwargs=options,
                atol=1e-12,
            ),
        ]
    return out
