"""Your policy loss has the wrong sign: minimising mean(log_prob * advantage) makes the actions
that did better than expected *less* likely. Optimisers minimise, so the loss is
-(log_probs * advantage).mean()."""


def reinforce_loss(log_probs, returns, baseline_values):
    policy_loss = (log_probs * (returns - baseline_values.detach())).mean()
    return policy_loss, 0.5 * ((returns - baseline_values) ** 2).mean()
