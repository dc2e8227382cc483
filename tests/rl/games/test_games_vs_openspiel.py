"""Our tic-tac-toe and Connect Four agree with OpenSpiel's, move for move, on random playouts:
the same legal moves, the same board, the same end and the same winner at every step."""

import numpy as np
import pytest

from ldl.errors import LdlError
from ldl.rl.games import ConnectFour, TicTacToe, make_game

pyspiel = pytest.importorskip("pyspiel")

CASES = [(TicTacToe, "tic_tac_toe"), (ConnectFour, "connect_four")]


def spiel_board(spiel_state) -> np.ndarray:
    """OpenSpiel's text board ('x', 'o', '.') as our int8 array."""
    rows = [line for line in str(spiel_state).splitlines() if line]
    table = {"x": 1, "o": -1, ".": 0}
    return np.array([[table[ch] for ch in row] for row in rows], dtype=np.int8)


def random_playouts(game_class, spiel_name: str, num_games: int, seed: int) -> int:
    """Play `num_games` random games in both implementations at once; returns the positions compared."""
    game, spiel_game = game_class(), pyspiel.load_game(spiel_name)
    rng = np.random.default_rng(seed)
    compared = 0
    for _ in range(num_games):
        state, spiel_state = game.initial_state(), spiel_game.new_initial_state()
        while True:
            compared += 1
            np.testing.assert_array_equal(state.board, spiel_board(spiel_state))
            assert (game.winner(state) is not None) == spiel_state.is_terminal()
            if spiel_state.is_terminal():
                returns = spiel_state.returns()  # [first player, second player]
                assert game.winner(state) == int(np.sign(returns[0]))
                assert not game.legal_actions(state).any()
                break
            assert state.player == (1 if spiel_state.current_player() == 0 else -1)
            legal = np.flatnonzero(game.legal_actions(state))
            assert legal.tolist() == spiel_state.legal_actions()
            action = int(rng.choice(legal))
            state = game.next_state(state, action)
            spiel_state.apply_action(action)
    return compared


@pytest.mark.parametrize("game_class,spiel_name", CASES)
def test_one_thousand_random_playouts_agree_with_openspiel(game_class, spiel_name):
    assert random_playouts(game_class, spiel_name, 1_000, seed=0) > 5_000


@pytest.mark.slow
@pytest.mark.parametrize("game_class,spiel_name", CASES)
def test_twenty_thousand_random_playouts_agree_with_openspiel(game_class, spiel_name):
    random_playouts(game_class, spiel_name, 20_000, seed=1)


def test_states_are_never_mutated_and_illegal_moves_are_refused():
    game = ConnectFour()
    start = game.initial_state()
    after = game.next_state(start, 3)
    assert not start.board.any() and after.board[5, 3] == 1 and after.player == -1
    full = game.from_moves([0] * 6)
    assert not game.legal_actions(full)[0]
    with pytest.raises(ValueError, match="illegal"):
        game.next_state(full, 0)
    with pytest.raises(ValueError, match="illegal"):
        TicTacToe().next_state(TicTacToe().next_state(TicTacToe().initial_state(), 4), 4)


def test_terminal_value_is_seen_by_the_player_to_move():
    game = ConnectFour()
    won = game.from_moves([0, 1, 0, 1, 0, 1, 0])  # X completes column 0
    assert game.winner(won) == 1 and won.player == -1
    assert game.terminal_value(won) == -1.0  # O is to move and has lost
    assert game.terminal_value(game.initial_state()) is None


def test_encode_is_canonical_for_the_player_to_move():
    game = TicTacToe()
    state = game.next_state(game.initial_state(), 0)  # X at 0, O to move
    planes = game.encode(state)
    assert planes.shape == (3, 3, 3) and planes.dtype == np.float32
    assert planes[0].sum() == 0 and planes[1, 0, 0] == 1 and planes[2].all()


@pytest.mark.parametrize("game_class", [TicTacToe, ConnectFour])
def test_symmetries_map_legal_moves_and_positions_consistently(game_class):
    """A symmetry applied to a position and its policy must agree: the transformed policy puts its
    mass on the cells/columns that are empty in the transformed board."""
    game = game_class()
    rng = np.random.default_rng(3)
    state = game.initial_state()
    for _ in range(3):
        state = game.next_state(state, int(rng.choice(np.flatnonzero(game.legal_actions(state)))))
    planes = game.encode(state)
    policy = game.legal_actions(state).astype(np.float32)
    policy[np.flatnonzero(policy)[0]] = 5.0  # mark one move
    pairs = game.symmetries(planes, policy)
    assert len(pairs) == (8 if game_class is TicTacToe else 2)
    for sym_planes, sym_policy in pairs:
        occupied = sym_planes[0] + sym_planes[1]  # (rows, cols)
        if game_class is TicTacToe:
            np.testing.assert_array_equal(sym_policy > 0, occupied.reshape(9) == 0)
        else:
            np.testing.assert_array_equal(sym_policy > 0, occupied[0] == 0)  # top row free
        assert sorted(sym_policy.tolist()) == sorted(policy.tolist())
    distinct = {p.tobytes() for p, _ in pairs}
    assert len(distinct) >= 2


def test_make_game_names_and_unknown_game():
    assert make_game("connect_four").name == "connect-four"
    assert make_game("tic-tac-toe").num_actions == 9
    with pytest.raises(LdlError, match="Unknown game"):
        make_game("chess")


def test_render_shows_stones_and_column_numbers():
    game = ConnectFour()
    text = game.render(game.from_moves([3, 3]))
    assert text.splitlines()[-1] == "1 2 3 4 5 6 7"
    assert text.splitlines()[-2].split()[3] == "X" and text.splitlines()[-3].split()[3] == "O"
