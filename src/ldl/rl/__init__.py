"""Stage 5, deep reinforcement learning: one readable file per algorithm, importable and tested.

    returns.py   discounting, n-step returns, GAE (terminated vs truncated)
    buffers.py   replay buffer, rollout storage
    tabular/     planning (value/policy iteration, finite horizon) and TD learning
    envs.py      environments, NumPy Atari preprocessing, vector envs, snapshots
    dqn.py  reinforce.py  a2c.py  ppo.py  ppo_atari.py  pong_numpy.py
    evaluate.py  seeded evaluation, IQM, bootstrap CIs, GIFs

Nothing is imported here, so `import ldl.rl.returns` needs neither Gymnasium nor torch.
See docs/rl.md.
"""
