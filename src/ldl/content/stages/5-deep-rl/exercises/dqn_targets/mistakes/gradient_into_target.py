"""Your target still carries gradients (it requires_grad): when the loss is minimised, the
optimiser also moves the target network's output, and the regression chases its own tail.
Compute the target under `with torch.no_grad():` (or .detach() it)."""


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    return rewards + gamma * (1.0 - terminated.float()) * target_net(next_obs).max(dim=1).values


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    best = online_net(next_obs).argmax(dim=1, keepdim=True)
    return rewards + gamma * (1.0 - terminated.float()) * target_net(next_obs).gather(1, best).squeeze(1)
