# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: minimax_to_mcts
#     title: "From minimax to Monte Carlo tree search"
#     unit: deep-rl.alphazero
#     order: 1
#     goals: [1, 2]
#     minutes: 60
#     tour: true
#     fast_timeout: 120
# ---

# %% [markdown]
# # From minimax to Monte Carlo tree search
#
# Before AlphaZero learns anything, it *searches*. This lab walks the road from the oldest game
# search to the one AlphaZero uses:
#
# 1. **minimax** solves tic-tac-toe exactly, by looking at every position;
# 2. **alpha-beta** gets the same answer while reading far fewer positions, and we count how many;
# 3. both need the whole tree (or a hand-made evaluation at a depth limit), which is hopeless for Go;
# 4. **Monte Carlo tree search** grows a lopsided tree towards the promising moves and evaluates
#    leaves by playing random games: no evaluation function at all. We watch its choices become
#    optimal as it gets more simulations, and draw the tree it built.
#
# **Accompanies:** Sutton and Barto, section 8.11 (Monte Carlo tree search,
# [free PDF](http://incompleteideas.net/book/RLbook2020.pdf)); Browne et al.,
# [A Survey of Monte Carlo Tree Search Methods](https://ieeexplore.ieee.org/document/6145622)
# (2012), sections 2-3; Russell and Norvig, chapter 5. Your exercises `minimax_tree`,
# `alphabeta_pruning`, `ucb1` and `mcts_backup` are the pieces used here.

# %%
import matplotlib.pyplot as plt
import numpy as np
from rich.console import Console
from rich.tree import Tree

from ldl.notebooks.lab import FAST, report
from ldl.rl.games import ConnectFour, TicTacToe
from ldl.rl.search.mcts import MCTS, MCTSConfig, rollout_evaluator
from ldl.rl.search.minimax import alphabeta, minimax, minimax_action_values

rng = np.random.default_rng(0)
ttt, c4 = TicTacToe(), ConnectFour()

# %% [markdown]
# ## 1. Tic-tac-toe, solved
#
# Minimax in its *negamax* form: the value of a position for the player to move is the best, over
# their moves, of minus the value of the position that follows. `minimax` memoises every position
# it meets, so the size of its table is the number of positions reachable from the start.

# %%
start = ttt.initial_state()
value = minimax(ttt, start)
print(f"value of the empty board for the first player: {value:+.0f} (0: a draw with perfect play)")
print("value of each first move:", minimax_action_values(ttt, start))
print(ttt.render(start))

# %% [markdown]
# Every first move is a draw: tic-tac-toe is a solved, drawn game. Perfect play here needed a few
# thousand positions. Connect Four has about $4.5 \times 10^{12}$ and Go about $10^{170}$; exhaustive
# search is over long before that.
#
# ## 2. Alpha-beta: the same answer, fewer positions
#
# Alpha-beta skips moves that cannot change the decision. To see how much it saves, count the
# positions a plain depth-limited negamax visits and compare with `alphabeta`'s count on the same
# Connect Four position, at growing depths.


# %%
def negamax_nodes(game, state, depth):
    """Positions visited by a depth-limited negamax without pruning."""
    if depth == 0 or game.terminal_value(state) is not None:
        return 1
    return 1 + sum(negamax_nodes(game, game.next_state(state, int(a)), depth - 1)
                   for a in np.flatnonzero(game.legal_actions(state)))  # fmt: skip


position = c4.from_moves([3, 3, 2, 4])
depths = [1, 2, 3, 4] if FAST else [1, 2, 3, 4, 5]
plain = [negamax_nodes(c4, position, d) for d in depths]
pruned = [alphabeta(c4, position, d).nodes for d in depths]
for d, p, q in zip(depths, plain, pruned, strict=True):
    print(f"depth {d}: negamax {p:6d} positions, alpha-beta {q:5d} ({q / p:.0%})")

fig, ax = plt.subplots(figsize=(5, 3))
ax.semilogy(depths, plain, "o-", label="negamax (no pruning)")
ax.semilogy(depths, pruned, "s-", label="alpha-beta, centre-first ordering")
ax.set_xlabel("search depth (plies)")
ax.set_ylabel("positions visited")
ax.legend()
plt.show()
pruning_ratio = pruned[-1] / plain[-1]

# %% [markdown]
# Both curves grow exponentially; alpha-beta's grows about half as fast on a log scale when good
# moves come first (here: centre columns first). That doubling of reachable depth carried chess
# programs to Deep Blue. But at the depth limit they need a **heuristic** (here: counting open lines
# of four), written by a human who understands the game. For Go nobody could write a good one.
#
# ## 3. Monte Carlo tree search: no evaluation function at all
#
# MCTS replaces the heuristic by *random games*: to judge a leaf, play it out at random and score
# the result. And instead of a uniform full-width tree it grows a lopsided one, spending its
# simulations where the results so far look best (a bandit rule at every node, UCB1 in UCT or
# PUCT in AlphaZero). Each simulation: **select** down the tree, **expand** a leaf, **evaluate** it
# with a rollout, **back up** the result with the sign flipped at every level.
#
# How good are its choices? Take tic-tac-toe positions where some moves lose, and check whether
# the most visited move is one minimax calls optimal, for growing numbers of simulations. A
# random move is optimal with the probability printed first: the baseline to beat.


# %%
def sample_positions(count):
    """Mid-game positions (1-5 random moves in) where at least one move is a mistake."""
    found = []
    while len(found) < count:
        s = ttt.initial_state()
        for _ in range(int(rng.integers(1, 6))):
            s = ttt.next_state(s, int(rng.choice(np.flatnonzero(ttt.legal_actions(s)))))
            if ttt.winner(s) is not None:
                break
        if ttt.winner(s) is not None:
            continue
        values = minimax_action_values(ttt, s)
        best = {a for a, v in values.items() if v == max(values.values())}
        if len(best) < len(values):
            found.append((s, best, len(best) / len(values)))
    return found


positions = sample_positions(20 if FAST else 60)
random_optimal = float(np.mean([share for _, _, share in positions]))
budgets = [10, 40, 160] if FAST else [10, 40, 160, 640]
optimal = {}
for sims in budgets:
    config = MCTSConfig(num_simulations=sims, c_puct=4.0)  # uniform priors: more exploration
    hits = []
    for state, best, _ in positions:
        counts = MCTS(ttt, rollout_evaluator(ttt, rng), config, rng).search(state)
        hits.append(int(np.argmax(counts)) in best)
    optimal[sims] = float(np.mean(hits))
print(f"a random move is optimal in {random_optimal:.0%} of these positions")
for sims, share in optimal.items():
    print(f"MCTS with {sims:4d} simulations: optimal move in {share:.0%}")

fig, ax = plt.subplots(figsize=(5, 3))
ax.semilogx(budgets, [optimal[b] for b in budgets], "o-", label="MCTS (random rollouts)")
ax.axhline(random_optimal, color="grey", linestyle="--", label="a random move")
ax.set_xlabel("simulations per move")
ax.set_ylabel("share of optimal moves")
ax.set_ylim(0, 1.05)
ax.legend()
plt.show()

# %% [markdown]
# ## 4. The tree it grew
#
# Here is the tree after a search from a position where X (to move) must block O's diagonal
# 2-4-6. Each line is a move with its visit count $N$, its mean value $Q$ for the player who made
# it, and its prior $P$ (uniform here: no network yet). The visits are spread very unevenly: the
# blocking move gets most of them, and below it the search studies the opponent's best replies.

# %%
puzzle = ttt.initial_state()
for cell in [0, 4, 8, 2]:  # X 0, O 4, X 8, O 2: O threatens to complete 2-4-6
    puzzle = ttt.next_state(puzzle, cell)
print(ttt.render(puzzle))
search = MCTS(ttt, rollout_evaluator(ttt, rng), MCTSConfig(num_simulations=300, c_puct=4.0), rng)
counts = search.search(puzzle)


def draw(node, label, depth, limit=3):
    """The subtree below `node` as a rich Tree: each node's three most visited children."""
    tree = Tree(f"{label}  N={node.visit_count}  Q={node.q():+.2f}  P={node.prior:.2f}")
    if depth < limit:
        for action, child in sorted(node.children.items(), key=lambda item: -item[1].visit_count)[:3]:
            tree.add(draw(child, f"cell {action}", depth + 1, limit))
    return tree


Console(width=100).print(draw(search.root, "root", 0))
move_values = minimax_action_values(ttt, puzzle)
best_cells = sorted(a for a, v in move_values.items() if v == max(move_values.values()))
print("most visited:", int(np.argmax(counts)), "| minimax's optimal moves:", best_cells)

fig, axes = plt.subplots(1, 2, figsize=(7, 3))
axes[0].imshow(counts.reshape(3, 3), cmap="Blues")
axes[0].set_title("visit counts")
values = np.full(9, np.nan)
for a, v in move_values.items():
    values[a] = v
axes[1].imshow(values.reshape(3, 3), cmap="RdYlGn", vmin=-1, vmax=1)
axes[1].set_title("minimax value of each move")
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
    for cell in range(9):
        mark = {1: "X", -1: "O"}.get(int(puzzle.board.reshape(9)[cell]), "")
        ax.text(cell % 3, cell // 3, mark, ha="center", va="center", fontsize=16)
plt.show()

# %% [markdown]
# ## What AlphaZero changes
#
# Pure MCTS already plays tic-tac-toe well with a few hundred simulations, but its random rollouts
# are a poor judge of positions in long games, and its uniform priors waste simulations on silly
# moves. AlphaZero keeps the tree search and replaces both: a network's **value** judges the leaf
# (no rollout), and its **policy** gives each move a prior that PUCT uses to focus the search. The
# next lab trains that network from self-play.
#
# **Reproduce it yourself.** Rerun section 3 with `c_puct` 1.0 and 8.0 instead of 4.0: which end
# of the range needs more simulations to find the optimal moves, and why (think of what the
# exploration term does when every prior is uniform)? Then time `alphabeta` at depth 6 on the
# empty Connect Four board with and without the centre-first ordering (shuffle the moves).

# %%
report(
    mcts_optimal_share=optimal[budgets[-1]],
    random_optimal_share=random_optimal,
    alphabeta_node_share=pruning_ratio,
    puzzle_solved=int(int(np.argmax(counts)) in best_cells),
    expect={
        "mcts_optimal_share": (">", min(0.95, random_optimal + 0.25)),
        "alphabeta_node_share": ("<", 0.5),
        "puzzle_solved": (">=", 1),
    },
)
