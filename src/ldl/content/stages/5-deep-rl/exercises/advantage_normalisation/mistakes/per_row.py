"""You normalised each row separately (axis=1). The statistics are over *all* entries of the batch:
call mean() and std() without an axis."""


def normalise_advantages(advantages, eps=1e-8):
    if advantages.ndim == 1:
        return (advantages - advantages.mean()) / (advantages.std() + eps)
    return (advantages - advantages.mean(axis=1, keepdims=True)) / (
        advantages.std(axis=1, keepdims=True) + eps
    )
