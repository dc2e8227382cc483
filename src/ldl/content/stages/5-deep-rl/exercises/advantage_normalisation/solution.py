"""Reference solution for advantage_normalisation."""


def normalise_advantages(advantages, eps=1e-8):
    """(advantages - mean) / (std + eps) over all entries, population std, as a new array."""
    return (advantages - advantages.mean()) / (advantages.std() + eps)
