"""Stage 5's deep-RL labs: wired into the tour, the units and the path, each a lesson with its parts.

Running them (in fast mode, with their `expect=` thresholds) is tests/test_labs_execute.py's job;
these checks are static and fast: they catch a lab that drops out of the tour, loses the outside
resource it accompanies or its "what to reproduce" section, reports a metric without a threshold
derived in the lab, or leaves the cards of its concepts behind.
"""

from __future__ import annotations

import ast

import pytest

from ldl.curriculum.items import load_cards, load_labs
from ldl.curriculum.path import load_curriculum
from ldl.tour import tour_labs

NEW_LABS = {
    "function_approximation_dqn": ("deep-rl.dqn", ["nature14236", "RLbook2020"]),
    "dqn_on_pixels": ("deep-rl.dqn", ["nature14236", "1709.06009"]),
    "policy_gradients_pong": ("deep-rl.policy-gradients", ["karpathy.github.io", "spinningup"]),
    "actor_critic_ppo": ("deep-rl.ppo", ["1707.06347", "ppo-implementation-details", "spinningup"]),
    "alphazero_connect_four": ("deep-rl.alphazero", ["oracledevs", "gamesolver.org"]),
}
LABS = {lab.id: lab for lab in load_labs()}


@pytest.mark.parametrize("lab_id", sorted(NEW_LABS))
def test_each_lab_is_a_tour_lab_of_its_unit_and_on_the_path(lab_id):
    unit, _ = NEW_LABS[lab_id]
    lab = LABS[lab_id]
    assert lab.unit == unit and lab.tour and lab.stage_dir == "5-deep-rl"
    assert lab_id in {tour_lab.id for _, tour_lab in tour_labs(load_curriculum())}
    assert lab_id in {item.id for item in load_curriculum().items_of(unit)}


@pytest.mark.parametrize("lab_id", sorted(NEW_LABS))
def test_each_lab_names_what_it_accompanies_and_ends_with_what_to_reproduce(lab_id):
    source = LABS[lab_id].path.read_text(encoding="utf-8")
    _, links = NEW_LABS[lab_id]
    head = source[: source.index("# %%\nimport")]
    assert "**Accompanies:**" in head and all(link in head for link in links)
    reproduce = source.index("## What to reproduce")
    assert source.index("report(") > reproduce  # the section closes the lesson, before the metrics
    assert source.count("plt.show()") >= 2  # figures inline


@pytest.mark.parametrize("lab_id", sorted(NEW_LABS))
def test_thresholds_come_from_quantities_the_lab_measures(lab_id):
    """At least one threshold is an expression computed in the lab (a random policy's return, a
    peer variant, the lambda = 0 estimate), not only a bare constant."""
    tree = ast.parse(LABS[lab_id].path.read_text(encoding="utf-8"))
    (call,) = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "report"
    ]
    expect = next(k.value for k in call.keywords if k.arg == "expect")
    thresholds = [value.elts[1] for value in expect.values]
    assert any(not isinstance(threshold, ast.Constant) for threshold in thresholds), lab_id


def test_the_labs_concepts_have_review_cards_in_their_units():
    cards = {card.id: card for card in load_cards()}
    wanted = {
        "deep-rl.dqn.two-state-divergence": "deep-rl.dqn",
        "deep-rl.dqn.no-target-collapse": "deep-rl.dqn",
        "deep-rl.dqn.replay-memory": "deep-rl.dqn",
        "deep-rl.dqn.sticky-actions": "deep-rl.dqn",
        "deep-rl.policy-gradients.difference-frame": "deep-rl.policy-gradients",
        "deep-rl.policy-gradients.baseline-action": "deep-rl.policy-gradients",
        "deep-rl.ppo.clip-zero-gradient": "deep-rl.ppo",
        "deep-rl.ppo.first-step-is-a2c": "deep-rl.ppo",
        "deep-rl.ppo.gae-lambda-critic": "deep-rl.ppo",
    }
    assert {card_id: cards[card_id].unit for card_id in wanted if card_id in cards} == wanted
