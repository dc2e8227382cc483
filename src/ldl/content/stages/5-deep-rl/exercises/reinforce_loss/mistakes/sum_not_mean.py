"""You sum over the steps instead of averaging, so the size of each update grows with the length
of the batch (and the learning rate means something different for every batch). Use .mean()."""


def reinforce_loss(log_probs, returns, baseline_values):
    policy_loss = -(log_probs * (returns - baseline_values.detach())).sum()
    return policy_loss, 0.5 * ((returns - baseline_values) ** 2).sum()
