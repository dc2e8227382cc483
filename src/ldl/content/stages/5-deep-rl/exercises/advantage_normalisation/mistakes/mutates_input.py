"""Your result is right, but you normalised the caller's array in place (`advantages -= ...`).
The rollout buffer may still need the raw advantages (for logging, or for the next epoch):
compute into a new array."""


def normalise_advantages(advantages, eps=1e-8):
    mean, std = advantages.mean(), advantages.std()
    advantages -= mean
    advantages /= std + eps
    return advantages.copy()
