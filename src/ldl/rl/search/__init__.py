"""Game-tree search and AlphaZero, on the games of `ldl.rl.games`.

    minimax.py    exact minimax (tic-tac-toe) and depth-limited alpha-beta (an opponent)
    mcts.py       Monte Carlo tree search with PUCT: random rollouts (pure MCTS) or a network
    alphazero.py  self-play, a residual policy-value network, training, checkpoints
    arena.py      players, games and matches between any two of them
    elo.py        Bradley-Terry ratings with confidence intervals
    oracle.py     a perfect Connect Four solver (bitbully), for benchmarks and tests
    distributed.py  the same self-play workers as Ray actors (optional `scale` extra)

Nothing is imported here, so `import ldl.rl.search.minimax` needs no torch. See docs/alphazero.md.
"""
