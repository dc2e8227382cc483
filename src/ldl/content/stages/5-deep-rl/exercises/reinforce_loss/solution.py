"""Reference solution for reinforce_loss."""


def reinforce_loss(log_probs, returns, baseline_values):
    """policy_loss = -mean(log_probs * (returns - baseline.detach()));
    baseline_loss = 0.5 * mean((returns - baseline) ** 2)."""
    advantage = returns - baseline_values.detach()  # a constant for the policy's update
    policy_loss = -(log_probs * advantage).mean()  # minus: we ascend the expected return
    baseline_loss = 0.5 * ((returns - baseline_values) ** 2).mean()
    return policy_loss, baseline_loss
