"""CLI command: play tic-tac-toe or Connect Four against the trained AlphaZero agent.

    ldl play connect-four [--second] [--simulations N] [--checkpoint PATH]
    ldl play tic-tac-toe

You type a move and press Enter: a column 1-7 in Connect Four, a cell 1-9 in tic-tac-toe (numbered
like a phone keypad from the top left); q quits. After each of its moves the agent shows what its
search thought: the share of simulations each move received and its estimate of who is winning.
Input is read line by line, so a game can also be piped in (`printf "4\n4\n" | ldl play ...`).
The network is a snapshot that ships with ldl (trained by `ldl run deep-rl.alphazero-...`), or any
snapshot or run folder given with --checkpoint.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Annotated

import typer

from ldl.cli import common
from ldl.errors import LdlError, require_full_install


def register(app: typer.Typer) -> None:
    app.command(name="play")(play)


@dataclass
class GameRecord:
    """How a game went (the moves are 0-based actions)."""

    game: str
    moves: list[int] = field(default_factory=list)
    winner: int | None = None
    human: int = 1
    quit: bool = False


def board_text(game, state) -> str:
    """The board with X/O coloured, plus move numbers for the human."""
    colours = {"X": "[bold yellow]X[/]", "O": "[bold red]O[/]"}
    text = game.render(state)
    if game.name == "tic-tac-toe":
        cells = text.split()
        cells = [str(i + 1) if c == "." else c for i, c in enumerate(cells)]  # free cells show their number
        rows = [" ".join(cells[r * 3 : r * 3 + 3]) for r in range(3)]
        text = "\n".join(rows)
    return "".join(colours.get(ch, f"[dim]{ch}[/]" if ch.isdigit() or ch == "." else ch) for ch in text)


def probabilities_text(game, policy, value: float | None) -> str:
    """The search's move shares, laid out like the board's moves, and its value estimate."""
    import numpy as np

    if game.name == "tic-tac-toe":
        grid = np.asarray(policy).reshape(3, 3)
        body = "\n".join(" ".join(f"{p:4.0%}" for p in row) for row in grid)
    else:
        body = (
            " ".join(f"{p:4.0%}" for p in policy) + "\n" + " ".join(f"{c + 1:>4}" for c in range(game.cols))
        )
    outlook = "" if value is None else f"\nIts estimate for itself: {value:+.2f} (from -1, lost, to +1, won)"
    return f"Share of its search per move:\n{body}{outlook}"


def parse_move(game, text: str) -> int:
    """A 1-based column or cell, as a 0-based action."""
    text = text.strip().lower()
    limit = game.num_actions
    if not text.isdigit() or not 1 <= int(text) <= limit:
        what = "a column" if game.name == "connect-four" else "a cell"
        raise ValueError(f"Type {what} number from 1 to {limit}, or q to quit.")
    return int(text) - 1


def play_session(game, agent, human: int, read_line, show) -> GameRecord:
    """The game loop, with input and output passed in (the tests drive it directly)."""
    record = GameRecord(game.name, human=human)
    state = game.initial_state()
    show(board_text(game, state))
    while game.winner(state) is None:
        if state.player == human:
            line = read_line("Your move: ")
            if line is None or line.strip().lower() in {"q", "quit", "exit"}:
                record.quit = True
                show("Game abandoned. Come back for a rematch!")
                return record
            try:
                action = parse_move(game, line)
            except ValueError as error:
                show(str(error))
                continue
            if not game.legal_actions(state)[action]:
                show("That move is not possible here (the column is full or the cell taken). Try another.")
                continue
        else:
            action = agent(game, state)
            show(f"The agent plays {action + 1}.")
            show(probabilities_text(game, agent.last_policy, agent.last_value))
        state = game.next_state(state, action)
        record.moves.append(action)
        show(board_text(game, state))
    record.winner = game.winner(state)
    show({human: "You win! Well played.", -human: "The agent wins.", 0: "A draw."}[record.winner])
    return record


def play(
    game_name: Annotated[str, typer.Argument(metavar="GAME", help="connect-four or tic-tac-toe.")],
    second: Annotated[bool, typer.Option("--second", help="Let the agent move first.")] = False,
    simulations: Annotated[
        int, typer.Option("--simulations", min=0, help="MCTS simulations per agent move (0: raw network).")
    ] = 200,
    checkpoint: Annotated[
        str | None,
        typer.Option("--checkpoint", help="A snapshot file or run folder (default: the shipped one)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seeds the agent's tie-breaking.")] = 0,
) -> None:
    """Play tic-tac-toe or Connect Four against the AlphaZero agent in the terminal."""
    from ldl.rl.games import make_game
    from ldl.rl.search.player import AlphaZeroPlayer

    game = make_game(game_name)
    require_full_install("ldl play", ("torch",))
    agent = AlphaZeroPlayer.from_checkpoint(checkpoint or game.name, num_simulations=simulations, seed=seed)
    if agent.game.name != game.name:
        raise LdlError(
            f"That checkpoint plays {agent.game.name}, not {game.name}.",
            hint=f"Run `ldl play {agent.game.name}` or pass a {game.name} checkpoint.",
        )
    common.console.print(
        f"You are {'O' if second else 'X'}; {'the agent' if second else 'you'} move first. "
        f"Type a {'column (1-7)' if game.name == 'connect-four' else 'cell (1-9)'} and press Enter; q quits."
    )

    def show(text: str) -> None:
        common.console.print(text, highlight=False)

    def read_line(prompt: str) -> str | None:
        common.console.print(prompt, end="", highlight=False)
        line = sys.stdin.readline()
        if not line:
            return None
        if not sys.stdin.isatty():
            show(line.rstrip())  # echo piped moves so the transcript reads well
        return line

    play_session(game, agent, -1 if second else 1, read_line, show)
