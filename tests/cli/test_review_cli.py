"""`ldl review` in a real terminal: reveal and rate with single keys, every rating kept at once
(also when the session is stopped with q or Ctrl-C), and the JSON list and Anki export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from test_watch_keys import Screen, _in_child  # the pseudo-terminal helpers
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.progress.store import ProgressStore

UNIT = "math.calculus"


def start_unit(workspace):
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.set_unit_status(UNIT, "in_progress")


def reviews(workspace):
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        return [(r.card_id, r.grade) for r in store.reviews()]


def start_review(workspace, *args):
    master, slave = os.openpty()
    env = {**os.environ, "LDL_HOME": str(workspace), "COLUMNS": "100", "TERM": "xterm"}
    child = subprocess.Popen(
        [sys.executable, "-m", "ldl", "review", *args],
        stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=_in_child(slave), close_fds=True,
    )  # fmt: skip
    return master, slave, child


def test_nothing_is_due_before_a_unit_is_started(workspace):
    result = CliRunner().invoke(app, ["review", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cards"] == []
    assert "start their unit" in CliRunner().invoke(app, ["review"]).output


def test_started_units_cards_are_listed_as_json(workspace):
    start_unit(workspace)
    queue = json.loads(CliRunner().invoke(app, ["review", "--json"]).output)
    assert queue["cards"] and {c["unit"] for c in queue["cards"]} == {UNIT}
    assert all(c["new"] for c in queue["cards"]) and queue["retention"] == 0.9


def test_a_session_reveals_rates_and_keeps_each_rating(workspace):
    start_unit(workspace)
    master, slave, child = start_review(workspace, "--limit", "3")
    screen = Screen(master)
    try:
        screen.wait_for(r"Press space to reveal")
        os.write(master, b" ")
        screen.wait_for(r"How well did you remember it")
        os.write(master, b"3")
        screen.wait_for(r"Good: next review in")
        os.write(master, b" ")
        screen.wait_for(r"How well did you remember it.*How well did you remember it")
        os.write(master, b"1")
        screen.wait_for(r"Again: next review in")
        os.write(master, b"q")
        assert child.wait(timeout=30) == 0
        screen.wait_for(r"Reviewed 2 of 3 card\(s\) \(Again 1, Good 1\)")
    finally:
        child.kill()
        os.close(master)
        os.close(slave)
    assert [grade for _, grade in reviews(workspace)] == [3, 1]


def test_ctrl_c_mid_session_keeps_the_ratings_already_given(workspace):
    start_unit(workspace)
    master, slave, child = start_review(workspace)
    screen = Screen(master)
    try:
        screen.wait_for(r"Press space to reveal")
        os.write(master, b" ")
        screen.wait_for(r"How well did you remember it")
        os.write(master, b"4")
        screen.wait_for(r"Easy: next review in")
        screen.wait_for(r"Press space to reveal.*Press space to reveal")
        child.send_signal(signal.SIGINT)
        child.wait(timeout=30)
    finally:
        child.kill()
        os.close(master)
        os.close(slave)
    assert [grade for _, grade in reviews(workspace)] == [4]
    queue = json.loads(CliRunner().invoke(app, ["review", "--json"]).output)
    assert reviews(workspace)[0][0] not in [c["id"] for c in queue["cards"]]  # rated: no longer due


def test_retention_is_saved_and_out_of_range_values_are_refused(workspace):
    start_unit(workspace)
    assert CliRunner().invoke(app, ["review", "--json", "--retention", "0.85"]).exit_code == 0
    assert json.loads(CliRunner().invoke(app, ["review", "--json"]).output)["retention"] == 0.85
    assert CliRunner().invoke(app, ["review", "--retention", "0.2"]).exit_code != 0


def test_export_writes_an_anki_deck(workspace, tmp_path):
    result = CliRunner().invoke(app, ["review", "export", str(tmp_path / "ldl.apkg"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cards"] >= 150 and (tmp_path / "ldl.apkg").stat().st_size > 10_000
    wrong = CliRunner().invoke(app, ["review", "export", str(tmp_path / "ldl.zip")])
    assert wrong.exit_code == 1 and ".apkg" in wrong.output


def test_next_status_and_map_count_due_cards_and_review_comes_first_past_ten(workspace):
    start_unit(workspace)  # math.calculus: fewer than ten cards
    few = json.loads(CliRunner().invoke(app, ["next", "--json"]).output)
    assert few["kind"] != "review" and few["reviews_due"] >= 5
    assert f"{few['reviews_due']} review card(s) due" in CliRunner().invoke(app, ["next"]).output
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        store.set_unit_status("math.linear-algebra", "in_progress")  # now more than ten
    many = json.loads(CliRunner().invoke(app, ["next", "--json"]).output)
    assert many["kind"] == "review" and many["command"] == "ldl review" and many["reviews_due"] >= 10
    status = json.loads(CliRunner().invoke(app, ["status", "--json"]).output)
    assert status["reviews_due"] == many["reviews_due"] and status["next"]["kind"] == "review"
    course_map = json.loads(CliRunner().invoke(app, ["map", "--json"]).output)
    assert course_map["reviews_due"] == many["reviews_due"]
    assert "review card(s) due" in CliRunner().invoke(app, ["map"]).output
