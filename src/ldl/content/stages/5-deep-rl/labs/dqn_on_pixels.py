# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: dqn_on_pixels
#     title: "DQN on pixels: Atari preprocessing step by step, and what a replay buffer costs"
#     unit: deep-rl.dqn
#     order: 5
#     goals: [2]
#     minutes: 60
#     tour: true
#     fast_timeout: 420
# ---

# %% [markdown]
# # DQN on pixels: Atari preprocessing step by step, and what a replay buffer costs
#
# DQN's headline result was one network, one set of hyperparameters, 49 Atari games, and nothing
# but the screen as input. Before the network sees anything, though, every frame goes through a
# short pipeline that decides what the agent *can* perceive. This lab builds it on real frames of
# Pong from the Arcade Learning Environment (ALE), checks each step, does the memory arithmetic
# that shapes every Atari replay buffer, looks at the ALE's determinism through Machado et al.'s
# eyes, and finally trains the Nature DQN network on stacked frames for a few steps.
#
# **Accompanies:** Mnih et al., [Human-level control through deep reinforcement
# learning](https://www.nature.com/articles/nature14236) (Nature 2015, the "Methods" section on
# preprocessing); Machado et al., [Revisiting the Arcade Learning Environment: Evaluation Protocols
# and Open Problems for General Agents](https://arxiv.org/abs/1709.06009) (JAIR 2018).

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from IPython.display import Image, display
from torch import nn

from ldl.notebooks.lab import FAST, report
from ldl.paths import STAGES_ROOT
from ldl.rl.buffers import ReplayBuffer
from ldl.rl.envs import grey, make_atari_vector_env, make_env, preprocess_frame, resize
from ldl.rl.returns import discount_cumsum

torch.set_num_threads(1)
started = time.process_time()
NOOP, UP = 0, 2  # two of Pong's six actions

# %% [markdown]
# ## 1. A raw frame
#
# The ALE renders 210 x 160 RGB frames at 60 per second. We ask for every frame (`frameskip=1`)
# and no random action repeats, and play a few dozen steps so that the ball is in play.

# %%
raw_env = make_env("ALE/Pong-v5", frameskip=1, repeat_action_probability=0.0)
frame, _ = raw_env.reset(seed=0)
frames = [frame]
for t in range(80):
    frame, *_ = raw_env.step(UP if t % 20 < 10 else NOOP)
    frames.append(frame)
previous, current = frames[-2], frames[-1]
print(f"one raw frame: shape {current.shape}, dtype {current.dtype}, {current.nbytes:,} bytes")

# %% [markdown]
# ## 2. Frame skip and max-pooling
#
# An agent step lasts 4 frames: the action is repeated, rewards are summed, and only the last frames
# are kept. Some Atari games draw a sprite only on every other frame (the hardware could not draw
# everything at once), so DQN takes the **pixel-wise maximum of the last two frames**: whatever was
# drawn on either frame survives. Pong does not flicker much, but the ball moves, and the max of two
# frames shows both positions.

# %%
pooled = np.maximum(previous, current)  # (210, 160, 3)
assert (pooled >= previous).all() and (pooled >= current).all()
fig, axes = plt.subplots(1, 3, figsize=(9, 4))
for ax, image, title in zip(axes, [previous, current, pooled], ["frame t-1", "frame t", "max of both"]):
    ax.imshow(image)
    ax.set(title=title, xticks=[], yticks=[])
plt.show()

# %% [markdown]
# ## 3. Grey and 84 x 84
#
# Colour carries little in most games, so the frame becomes luminance, $0.299R + 0.587G + 0.114B$,
# and is shrunk to 84 x 84 by area averaging (each output pixel is the mean of the input pixels it
# covers). `ldl.rl.envs.preprocess_frame` does all three steps.

# %%
small = preprocess_frame(previous, current)  # (84, 84) uint8
by_hand = np.clip(np.rint(resize(grey(pooled), 84, 84)), 0, 255).astype(np.uint8)
assert small.shape == (84, 84) and small.dtype == np.uint8 and np.array_equal(small, by_hand)
print(f"preprocessed: {small.shape} {small.dtype}, {small.nbytes:,} bytes "
      f"({current.nbytes / small.nbytes:.1f}x smaller than the raw frame)")  # fmt: skip
fig, axes = plt.subplots(1, 2, figsize=(6, 3.5))
axes[0].imshow(grey(pooled), cmap="gray")
axes[0].set(title="grey 210 x 160", xticks=[], yticks=[])
axes[1].imshow(small, cmap="gray")
axes[1].set(title="84 x 84", xticks=[], yticks=[])
plt.show()

# %% [markdown]
# ## 4. Stacking four frames
#
# One frame has no velocity: is the ball going left or right? The agent's observation is the last
# four processed frames, shape (4, 84, 84), which makes the state much closer to Markov. Every new
# observation shifts the stack by one: its first three frames are the previous observation's last
# three. ale-py's native vector environment runs this whole pipeline in C++ (`make_atari_vector_env`);
# we check that invariant on it.

# %%
envs = make_atari_vector_env("pong", 1)
obs, _ = envs.reset(seed=0)
stacks = [obs[0]]
for _ in range(40):
    obs, *_ = envs.step(np.array([UP]))
    stacks.append(obs[0])
shift_ok = all(np.array_equal(b[:3], a[1:]) for a, b in zip(stacks, stacks[1:]))
print(
    f"observation {stacks[-1].shape} {stacks[-1].dtype}; every stack is the previous one shifted: {shift_ok}"
)
fig, axes = plt.subplots(1, 5, figsize=(12, 2.8))
for i, ax in enumerate(axes[:4]):
    ax.imshow(stacks[-1][i], cmap="gray")
    ax.set(title=f"frame {i - 3:+d}" if i < 3 else "now", xticks=[], yticks=[])
axes[4].imshow(stacks[-1][3].astype(int) - stacks[-1][0].astype(int), cmap="coolwarm")
axes[4].set(title="now minus oldest", xticks=[], yticks=[])
plt.show()

# %% [markdown]
# ## 5. The memory arithmetic of a replay buffer
#
# The Nature DQN kept the last **one million** transitions. Store each as $(s, a, r, s', d)$ with $s$
# and $s'$ as stacks of four frames and the numbers explode; the tricks that tame them are all about
# not storing the same pixels twice. The last line is what a frame-once buffer costs: $s'$ of one
# transition is $s$ of the next, and consecutive stacks share three of their four frames.

# %%
capacity, frame_bytes, stack = 1_000_000, 84 * 84, 4
layouts = {
    "float32 stacks, s and s' stored": capacity * 2 * stack * frame_bytes * 4,
    "uint8 stacks, s and s' stored": capacity * 2 * stack * frame_bytes,
    "uint8 stacks, s' shared": capacity * stack * frame_bytes,
    "uint8, each frame once": capacity * frame_bytes,
}
for name, size in layouts.items():
    print(f"{name:32s} {size / 1e9:7.1f} GB")
measured = ReplayBuffer(1_000, (stack, 84, 84), np.uint8)  # a real buffer, scaled up by 1000
measured_gb = (measured.observations.nbytes + measured.next_observations.nbytes) * 1_000 / 1e9
print(f"ldl.rl.buffers.ReplayBuffer as built: {measured_gb:.1f} GB per million transitions")

# %% [markdown]
# `ReplayBuffer` keeps $s$ and $s'$ whole, which is simple and fine for CartPole; for pixels,
# `ldl.rl.buffers.FrameReplayBuffer` stores each frame once and rebuilds the stacks when it samples.
# So a laptop stores uint8 frames (divide the pixels by 255 only inside the network), never the same
# frame twice, and a few hundred thousand transitions at most.
#
# ## 6. Determinism and sticky actions (Machado et al., 2018)
#
# The ALE is deterministic: from the same start, the same actions give the same game. An agent
# (or a search algorithm that just replays one good action sequence) can then *memorise* a
# trajectory instead of learning to react, and still score well. Machado et al. propose **sticky
# actions**: with probability $\varsigma = 0.25$ the previous action is repeated instead of the new
# one. Below, one fixed open-loop sequence of actions is played from two different seeds.


# %%
def open_loop(sticky, seed, actions):
    env = make_env("ALE/Pong-v5", repeat_action_probability=sticky)
    env.reset(seed=seed)
    return [env.step(int(a))[0] for a in actions]


plan = np.random.default_rng(0).integers(0, 6, size=150 if FAST else 500)
same = {}
for sticky in (0.0, 0.25):
    first, second = open_loop(sticky, 1, plan), open_loop(sticky, 2, plan)
    same[sticky] = float(np.mean([np.array_equal(a, b) for a, b in zip(first, second)]))
    print(f"sticky actions {sticky}: the two seeds saw identical frames on {same[sticky]:.0%} of steps")

# %% [markdown]
# Without sticky actions the seed changes nothing: the plan replays exactly. With them the two games
# part ways within a few steps. Gymnasium's `ALE/...-v5` environments use $\varsigma = 0.25$ by
# default (ldl's training wrappers set it to 0 to match the DQN paper; report which one you used).
# Machado et al. also ask for evaluations that say how many frames the agent trained on and that
# report the average over the whole of training or the last episodes, not the best evaluation.
#
# ## 7. The Nature DQN network on stacked frames
#
# Three convolutions and two dense layers turn (4, 84, 84) into one Q-value per action. Before it
# can bootstrap usefully, the network has to learn to read values off the screen at all, so we
# check exactly that on real data: a random policy plays, and the network regresses
# $Q(s_t, a_t)$ on the discounted return that followed, restarting at every point as in
# Karpathy's Pong ($-\gamma^k$ when a point is lost $k$ steps later). With the targets fixed this is
# plain supervised regression, the same regression DQN runs between two target-network refreshes;
# the loss on held-out transitions must fall (by a quarter at least, the lab asserts) if the
# network learns anything. (A real run takes millions of steps: `ldl run deep-rl.ppo-pong` trains
# PPO on Pong with the same network.)


# %%
def nature_cnn(num_actions):
    """(B, 4, 84, 84) uint8 -> (B, num_actions) Q-values."""
    return nn.Sequential(
        nn.Conv2d(4, 32, 8, stride=4), nn.ReLU(),  # (B, 32, 20, 20)
        nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),  # (B, 64, 9, 9)
        nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(),  # (B, 64, 7, 7)
        nn.Flatten(), nn.Linear(64 * 7 * 7, 512), nn.ReLU(),  # (B, 512)
        nn.Linear(512, num_actions),
    )  # fmt: skip


num_transitions, gradient_steps = (1_500, 120) if FAST else (20_000, 2_000)
rng = np.random.default_rng(0)
observations, actions, rewards, ends = [], [], [], []
obs, _ = envs.reset(seed=1)
after_end = False  # the vector env resets on the step *after* an episode ends: skip that step
while len(observations) < num_transitions:
    action = rng.integers(6, size=1)
    next_obs, reward, terminated, truncated, _ = envs.step(action)
    if not after_end:
        observations.append(obs[0])  # (4, 84, 84) uint8
        actions.append(int(action[0]))
        rewards.append(float(reward[0]))
        ends.append(bool(terminated[0] or truncated[0]))
    obs, after_end = next_obs, bool(terminated[0] or truncated[0])
rewards = np.array(rewards)
returns = discount_cumsum(rewards, 0.99, dones=(rewards != 0) | np.array(ends))  # (N,)
last_point = int(np.flatnonzero(rewards)[-1])  # after it the return is not known yet: drop the tail
observations, actions, returns = np.stack(observations)[: last_point + 1], np.array(actions), returns
print(f"{last_point + 1} transitions with known returns, {int((rewards != 0).sum())} points played")

order = rng.permutation(last_point + 1)
held_out, train_index = order[:256], order[256:]


def q_loss(network, index):
    x = torch.as_tensor(observations[index]) / 255.0  # (B, 4, 84, 84) floats only inside the network
    q_taken = network(x).gather(1, torch.as_tensor(actions[index])[:, None]).squeeze(1)  # (B,)
    return F.mse_loss(q_taken, torch.as_tensor(returns[index], dtype=torch.float32))


torch.manual_seed(0)
network = nature_cnn(6)
optimizer = torch.optim.Adam(network.parameters(), lr=2.5e-4)
constant_loss = float(np.mean((returns[held_out] - returns[train_index].mean()) ** 2))
held_out_losses = []
for step in range(gradient_steps + 1):
    if step % 10 == 0:
        with torch.no_grad():
            held_out_losses.append(q_loss(network, held_out).item())
    if step < gradient_steps:
        loss = q_loss(network, rng.choice(train_index, 32))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(np.arange(len(held_out_losses)) * 10, held_out_losses, "o-", label="Nature CNN, held out")
ax.axhline(constant_loss, color="grey", ls="--", label="best constant prediction")
ax.set(xlabel="gradient step", ylabel="mean squared error", yscale="log", title="Reading values off pixels")
ax.legend()
plt.show()
print(f"held-out loss {held_out_losses[0]:.4f} -> {held_out_losses[-1]:.4f}; "
      f"predicting the mean return would score {constant_loss:.4f}")  # fmt: skip

# %% [markdown]
# In a few dozen steps the network learns the average return (the grey line); beating that line
# means reading the ball's position and direction from the stack, which takes the full mode's
# thousands of steps.
#
# %% [markdown]
# ## 8. A whole run: Double DQN on MinAtar Breakout
#
# Every piece above meets the others in `ldl.rl.dqn_atari`: the frame-once replay buffer, the
# target network, the Double DQN target and the Huber loss, on a convolutional network. To see the
# whole algorithm learn from a screen on a laptop, ldl runs it on **MinAtar** (Young & Tian,
# [MinAtar: An Atari-Inspired Testbed for Thorough and Reproducible Reinforcement Learning
# Experiments](https://arxiv.org/abs/1903.03176), 2019): five Atari games shrunk to a 10 x 10 grid,
# one channel per kind of object (in Breakout: paddle, ball, the ball's trail, bricks), sticky actions
# on. The trail channel shows the motion, so a single frame is a state and the network is small (one
# 3 x 3 convolution, 128 hidden units). A step costs about a tenth of a Pong step, so the paper's
# full 5 million steps fit in an afternoon.
#
# `ldl run deep-rl.dqn-minatar` trained this agent (seed 0, the default settings): 5,000,000 steps
# in 3.4 hours on one CPU core, stopped and resumed twice on the way. The thin line is the mean of
# the last 20 training episodes (epsilon 0.05), which swings a lot from one stretch of 20 games to
# the next; the black line averages whole stretches of the run. The 20-game mean first reached 10
# after 344,000 steps (23 minutes); the mean return per half-million steps then climbed slowly,
# from 3.95 in the first to 13.2 in the last. At the end, 10 fresh episodes with epsilon 0.01 (the
# DQN paper's evaluation) averaged **18.3**.

# %%
media = STAGES_ROOT / "5-deep-rl" / "media"
display(Image(filename=str(media / "dqn-minatar-curve.png")))

# %% [markdown]
# And the trained agent playing one of those evaluation episodes, drawn 16 times larger, each kind
# of object in its own colour (the paddle is on the bottom row). The GIF ships with ldl.

# %%
display(Image(filename=str(media / "dqn-minatar.gif")))

# %% [markdown]
# The same code trains the Nature network on Pong: `ldl run deep-rl.dqn-pong`, CleanRL's settings
# (epsilon falls over the first million steps), until the last 20 games average 18 or 10 million
# steps have passed. On one laptop core it manages about 50 agent steps a second (a gradient step on
# 32 stacked 84 x 84 states every 4 steps is most of it), so each million steps takes five to six
# hours: a run of several nights, resumed each time from its checkpoint. PPO on Pong
# (`deep-rl.ppo-pong`, the actor-critic lab) reached a 20-game mean of 18 in two hours on two cores.
#
# %% [markdown]
# ## What to reproduce
#
# - Write the preprocessing yourself (the `frame_stack` and `karpathy_preprocess` exercises of this
#   stage grade the pieces) and check it against `preprocess_frame` on frames of another game, one
#   that flickers (Space Invaders' shots, for example).
# - Work out the memory of *your* replay buffer before you start a run, and measure it with
#   `array.nbytes`.
# - Train DQN on Pong or Breakout with sticky actions on and off and report both, as Machado et al.
#   recommend; say how many frames the agent trained on.

# %%
print(f"CPU seconds for this lab: {time.process_time() - started:.1f}")
report(
    held_out_loss=held_out_losses[-1],
    untrained_held_out_loss=held_out_losses[0],
    held_out_loss_vs_constant=held_out_losses[-1] / constant_loss,
    frame_stack_shifts=float(shift_ok),
    replay_gb_frames_once=layouts["uint8, each frame once"] / 1e9,
    replay_gb_float32=layouts["float32 stacks, s and s' stored"] / 1e9,
    identical_without_sticky=same[0.0],
    identical_with_sticky=same[0.25],
    expect={
        "held_out_loss": ("<", 0.75 * held_out_losses[0]),
        "frame_stack_shifts": (">=", 1.0),
        "identical_without_sticky": (">=", 1.0),
        "identical_with_sticky": ("<", 0.5),
    },
)
