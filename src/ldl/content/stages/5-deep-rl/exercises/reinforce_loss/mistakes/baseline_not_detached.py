"""Your policy loss sends gradients into the baseline, because the advantage was not detached. The
baseline would then learn to inflate the advantages of likely actions rather than to predict
returns. Use returns - baseline_values.detach() in the policy loss."""


def reinforce_loss(log_probs, returns, baseline_values):
    policy_loss = -(log_probs * (returns - baseline_values)).mean()
    return policy_loss, 0.5 * ((returns - baseline_values) ** 2).mean()
