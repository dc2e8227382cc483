# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: alphazero_tictactoe
#     title: "AlphaZero on tic-tac-toe: watch it learn"
#     unit: deep-rl.alphazero
#     order: 2
#     goals: [3, 4]
#     minutes: 60
#     tour: true
#     fast_timeout: 300
# ---

# %% [markdown]
# # AlphaZero on tic-tac-toe: watch it learn
#
# AlphaZero learns a game from its rules alone. A network $f_\theta(s) = (\mathbf p, v)$ guesses,
# for a position, a probability for each move and who will win. MCTS uses those guesses (PUCT
# selection with $\mathbf p$ as priors, $v$ instead of a rollout) and returns a better policy, the
# visit counts $\boldsymbol\pi$. Self-play games with that search produce examples $(s,
# \boldsymbol\pi, z)$, where $z$ is the final result; the network is trained towards them with
# $(z - v)^2 - \boldsymbol\pi^\top \log \mathbf p$ (your `alphazero_loss` exercise). Repeat.
#
# Tic-tac-toe is small enough to check everything against the truth: minimax knows the optimal
# moves and the exact value of all 4,520 positions where the game is still going. So we can watch
# the network's raw guesses become right.
#
# **Accompanies:** Silver et al., "Mastering the game of Go without human knowledge" (Nature 2017);
# Surag Nair's tutorial [A Simple Alpha(Go) Zero Tutorial](https://suragnair.github.io/posts/alphazero.html),
# whose alpha-zero-general code follows the same loop. The library code is `ldl.rl.search.alphazero`.

# %%
import json

import matplotlib.pyplot as plt
import numpy as np
import torch

from ldl.notebooks.lab import FAST, report
from ldl.rl.games import TicTacToe
from ldl.rl.search.alphazero import Config, train
from ldl.rl.search.arena import play_match
from ldl.rl.search.minimax import MinimaxPlayer, minimax_action_values
from ldl.rl.search.network import PolicyValueNet
from ldl.rl.search.player import AlphaZeroPlayer, load_snapshot
from ldl.rl.search.selfplay import network_evaluator

torch.set_num_threads(1)
game = TicTacToe()

# %% [markdown]
# ## 1. Train
#
# The full run is 30 iterations of 32 self-play games with 40 simulations per move, on two worker
# processes: minutes on an idle machine (on a 2-core machine shared with a dozen other jobs we
# measured 20 iterations in 25 minutes). In fast mode (`LDL_FAST=1`, the tour) it runs two tiny
# iterations to show the loop, and the evaluation below judges the checkpoint that ships with
# ldl, trained by the same code with the full settings (`ldl run deep-rl.alphazero-tictactoe`).

# %%
if FAST:
    config = Config(fast=True, num_workers=0, eval_games=2, eval_simulations=8, eval_opponents=["random"])
else:
    config = Config()
result = train(config)
history = [json.loads(line) for line in (result.run_dir / "metrics.jsonl").read_text().splitlines()]
print(f"{len(history)} iterations, {history[-1]['games']} self-play games, {result.metrics['seconds']:.0f} s")

fig, axes = plt.subplots(1, 2, figsize=(9, 3))
steps = [row["step"] for row in history]
axes[0].plot(steps, [row["policy_loss"] for row in history], "o-", label="policy loss")
axes[0].plot(steps, [row["value_loss"] for row in history], "s-", label="value loss")
axes[0].set_xlabel("iteration")
axes[0].legend()
axes[1].plot(steps, [row["draws"] for row in history], "o-", label="self-play draws")
axes[1].plot(steps, [row["first_player_wins"] for row in history], "s-", label="first player wins")
axes[1].set_xlabel("iteration")
axes[1].legend()
plt.show()

# %% [markdown]
# As the network improves, self-play games turn into draws: perfect tic-tac-toe is a draw, and two
# strong players find it. The policy loss falls as the network learns to predict what its own
# search will do.
#
# ## 2. The truth: every position, and its optimal moves
#
# Enumerate all positions reachable from the start, and ask minimax for each one which moves are
# optimal and what the position is worth to the player to move.

# %%
seen, frontier = {}, [game.initial_state()]
while frontier:
    state = frontier.pop()
    if state.key() in seen:
        continue
    seen[state.key()] = state
    if game.winner(state) is None:
        frontier += [game.next_state(state, int(a)) for a in np.flatnonzero(game.legal_actions(state))]
states = [s for s in seen.values() if game.winner(s) is None]
optimal, values = [], []
for state in states:
    move_values = minimax_action_values(game, state)
    best = max(move_values.values())
    optimal.append({a for a, v in move_values.items() if v == best})
    values.append(best)
legal = np.stack([game.legal_actions(s) for s in states])  # (4520, 9)
random_share = float(np.mean([len(o) / legal[i].sum() for i, o in enumerate(optimal)]))
print(f"{len(states)} positions; a random legal move is optimal {random_share:.0%} of the time")

# %% [markdown]
# ## 3. How right are the network's raw guesses?
#
# No search now: take the policy head's favourite legal move in each position, and compare the
# value head with the exact values. An untrained network (random weights) is the baseline.


# %%
def judge(model):
    """Share of positions where the raw policy's favourite move is optimal; value correlation."""
    priors, predicted = network_evaluator(game, model)(states)  # (4520, 9), (4520,)
    choice = np.argmax(np.where(legal, priors, -1.0), axis=1)
    share = float(np.mean([int(c) in o for c, o in zip(choice, optimal, strict=True)]))
    return share, float(np.corrcoef(predicted, values)[0, 1])


torch.manual_seed(0)
untrained = PolicyValueNet(game, config.channels, config.num_blocks).eval()
_, shipped = load_snapshot("tic-tac-toe")
_, ours = load_snapshot(result.run_dir)
scores = {"untrained": judge(untrained), "this run": judge(ours), "shipped checkpoint": judge(shipped)}
for name, (share, corr) in scores.items():
    print(f"{name:>18}: optimal move {share:.1%}, value correlation with minimax {corr:+.2f}")
judged = "shipped checkpoint" if FAST else "this run"

# %% [markdown]
# ## 4. Where does it still go wrong?
#
# A picture of the judged network's policy on the position from the last lab (O threatens the
# diagonal 2-4-6): the network alone, before any search, should already put most of its
# probability on the block.

# %%
model = shipped if FAST else ours
puzzle = game.initial_state()
for cell in [0, 4, 8, 2]:
    puzzle = game.next_state(puzzle, cell)
player = AlphaZeroPlayer(game, model, num_simulations=0)
policy, value = player.policy(puzzle)
fig, ax = plt.subplots(figsize=(3, 3))
ax.imshow(policy.reshape(3, 3), cmap="Blues", vmin=0, vmax=1)
for cell in range(9):
    mark = {1: "X", -1: "O"}.get(int(puzzle.board.reshape(9)[cell]), f"{policy[cell]:.2f}")
    ax.text(cell % 3, cell // 3, mark, ha="center", va="center", fontsize=14)
ax.set_xticks([])
ax.set_yticks([])
ax.set_title(f"raw policy; value {value:+.2f} for X")
plt.show()

# %% [markdown]
# ## 5. Against perfect play
#
# With search on top of the network (a few dozen simulations per move), the agent meets minimax,
# which never loses. The best anyone can do against it is to draw every game.

# %%
agent = AlphaZeroPlayer(game, model, num_simulations=25, seed=1)
match = play_match(game, agent, MinimaxPlayer(seed=2), num_games=4 if FAST else 20, seed=3)
print(f"against minimax: {match.wins} wins, {match.draws} draws, {match.losses} losses")

# %% [markdown]
# **Reproduce it yourself.** Train with `Config(augment=False)` and with `Config(num_simulations=10)`
# and compare the curves and the optimal-move share with the default run: how much do the 8
# symmetries buy, and how much does a stronger search? Then read the training loop in
# `ldl/rl/search/alphazero.py` and find each step of the figure in Silver et al. 2017 (figure 1).

# %%
report(
    optimal_move_share=scores[judged][0],
    untrained_optimal_share=scores["untrained"][0],
    random_move_optimal_share=random_share,
    value_correlation=scores[judged][1],
    score_vs_minimax=match.score,
    expect={
        "optimal_move_share": (">", max(random_share, scores["untrained"][0]) + 0.15),
        "value_correlation": (">", scores["untrained"][1] + 0.25),
        "score_vs_minimax": (">=", 0.25),
    },
)
