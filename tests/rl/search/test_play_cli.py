"""`ldl play`: the game loop, a real terminal (pty) and piped input, with the shipped snapshots."""

import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time

import numpy as np
import pytest
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.cli.play import parse_move, play_session
from ldl.rl.games import ConnectFour, TicTacToe
from ldl.rl.search.arena import RandomPlayer
from ldl.rl.search.player import SHIPPED

pytest.importorskip("torch")


class ScriptedAgent(RandomPlayer):
    last_value = 0.0

    def __call__(self, game, state):
        self.last_policy = game.legal_actions(state) / game.legal_actions(state).sum()
        return super().__call__(game, state)


def test_the_session_refuses_bad_moves_and_reports_the_result():
    game, shown = TicTacToe(), []
    lines = iter(["ten", "1", "1", "2", "3", "4", "5", "6", "7", "8", "9"])  # "1" twice: cell taken
    record = play_session(
        game, ScriptedAgent(0), human=1, read_line=lambda _: next(lines, "q"), show=shown.append
    )
    text = "\n".join(shown)
    assert "from 1 to 9" in text and "not possible" in text
    assert record.quit or record.winner is not None
    assert record.moves[0] == 0


def test_end_of_input_abandons_the_game():
    record = play_session(
        ConnectFour(), ScriptedAgent(0), human=-1, read_line=lambda _: None, show=lambda _: None
    )
    assert record.quit and len(record.moves) == 1  # the agent moved first, then input ended


def test_parse_move_is_one_based():
    assert parse_move(ConnectFour(), " 7\n") == 6
    with pytest.raises(ValueError, match="column"):
        parse_move(ConnectFour(), "8")


@pytest.mark.parametrize("game", ["tic-tac-toe", "connect-four"])
def test_a_snapshot_ships_for_each_game_and_is_small(game):
    path = SHIPPED / f"{game}.pt"
    assert path.exists() and path.stat().st_size < 600_000


def test_piped_input_plays_a_game_of_tic_tac_toe():
    moves = "".join(f"{c}\n" for c in [5, 1, 2, 3, 4, 6, 7, 8, 9] * 2)  # illegal ones are refused, then q
    result = subprocess.run(
        [sys.executable, "-m", "ldl", "play", "tic-tac-toe", "--simulations", "30"],
        input=moves + "q\n",
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert "Share of its search" in result.stdout
    assert re.search(r"A draw\.|The agent wins\.|You win!|abandoned", result.stdout)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_wrong_game_or_checkpoint_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["play", "chess"])
    assert result.exit_code != 0 and "Unknown game" in result.output
    result = CliRunner().invoke(app, ["play", "connect-four", "--checkpoint", str(tmp_path / "none.pt")])
    assert result.exit_code != 0 and "No AlphaZero checkpoint" in result.output
    result = CliRunner().invoke(
        app, ["play", "connect-four", "--checkpoint", str(SHIPPED / "tic-tac-toe.pt")]
    )
    assert result.exit_code != 0 and "plays tic-tac-toe" in result.output


def _in_child(slave: int):
    def setup() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)  # the pty becomes the child's terminal

    return setup


def read_until(master: int, pattern: str, seen: list[str], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not re.search(pattern, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(seen))):
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {pattern!r} in:\n{''.join(seen)[-2000:]}")
        if select.select([master], [], [], 0.5)[0]:
            try:
                seen.append(os.read(master, 65536).decode("utf-8", errors="replace"))
            except OSError:
                time.sleep(0.1)


def test_a_game_of_connect_four_in_a_terminal():
    master, slave = os.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    child = subprocess.Popen(
        [sys.executable, "-m", "ldl", "play", "connect-four", "--simulations", "20"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        preexec_fn=_in_child(slave),
        close_fds=True,
    )
    seen: list[str] = []
    try:
        read_until(master, r"Your move: ", seen)
        os.write(master, b"4\n")
        read_until(master, r"Share of its search", seen)
        read_until(master, r"(?s)Share of its search.*Your move: ", seen)
        os.write(master, b"9\n")
        read_until(master, r"from 1 to 7", seen)
        os.write(master, b"q\n")
        read_until(master, r"abandoned", seen)
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
        os.close(slave)
    text = "".join(seen)
    assert "abandoned" in text and "Traceback" not in text
    shares = re.findall(r"(\d+)%", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text))
    assert 90 <= sum(int(s) for s in shares[:7]) <= 110  # seven shares that sum to ~100%
    assert np.isfinite(float(re.search(r"estimate for itself: ([+-][0-9.]+)", text).group(1)))
