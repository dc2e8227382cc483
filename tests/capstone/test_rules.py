"""The stage data the checker reads: complete, consistent between the two capstones."""

from __future__ import annotations

from ldl.capstone.rules import parse_stage, stage_rules


def test_every_framework_rule_has_a_reason_and_capstone_two_forbids_at_least_as_much():
    first, second = stage_rules(1), stage_rules(2)
    for rules in (first, second):
        assert all(entry.reason.strip() for entry in rules.forbidden + rules.allowed)
        assert not {e.name for e in rules.forbidden} & {e.name for e in rules.allowed}
    assert {e.name for e in first.forbidden} <= {e.name for e in second.forbidden}
    assert {"fastai", "keras", "lightning", "ignite", "skorch", "transformers.Trainer", "stable_baselines3",
            "ray.rllib", "ldl.practical"} <= {e.name for e in second.forbidden}  # fmt: skip


def test_ideas_match_the_stage_and_name_their_data():
    for number in (1, 2):
        rules = stage_rules(number)
        assert [i.title for i in rules.ideas] == [i.title for i in rules.stage.capstone.ideas]
        assert all(source.how.strip() for idea in rules.ideas for source in idea.data)


def test_the_stages_ask_for_more_seeds_and_a_robust_summary_in_capstone_two():
    assert (stage_rules(1).min_seeds, stage_rules(1).rubric.summary) == (3, "mean_std")
    assert (stage_rules(2).min_seeds, stage_rules(2).rubric.summary) == (5, "iqm_ci")
    for number in (1, 2):
        titles = [section.title for section in stage_rules(number).sections]
        assert "References" in titles and stage_rules(number).rubric.error_analysis_section in titles


def test_parse_stage_accepts_the_usual_spellings():
    assert [parse_stage(v) for v in (1, "2", "capstone-1", "II")] == [1, 2, 1, 2]
