"""In your Double DQN the target network chooses the next action as well as evaluating it, which
is plain DQN again. Let the *online* network choose (argmax of online_net(next_obs)) and the
target network evaluate that action."""

import torch


def dqn_target(rewards, next_obs, terminated, gamma, target_net):
    with torch.no_grad():
        return rewards + gamma * (1.0 - terminated.float()) * target_net(next_obs).max(dim=1).values


def double_dqn_target(rewards, next_obs, terminated, gamma, online_net, target_net):
    with torch.no_grad():
        q = target_net(next_obs)
        best = q.argmax(dim=1, keepdim=True)
        return rewards + gamma * (1.0 - terminated.float()) * q.gather(1, best).squeeze(1)
