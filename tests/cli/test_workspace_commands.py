"""`ldl init` and `ldl reset` through the CLI: idempotent, never overwriting, always backing up."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.items import load_exercises, load_labs


def shown(result) -> str:
    """What the user saw, with Rich's panel borders and line wrapping taken out."""
    text = re.sub(r"[\u2500-\u257f]", " ", result.output)
    return " ".join(text.split())


def ldl(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def test_init_creates_everything_the_learner_needs(workspace):
    exercise, lab = load_exercises()[0], load_labs()[0]
    assert (workspace / "exercises" / exercise.stage_dir / f"{exercise.id}.py").read_text() == (
        exercise.starter_path.read_text()
    )
    assert (workspace / "labs" / lab.stage_dir / f"{lab.id}.ipynb").is_file()
    for number, capstone in enumerate(("capstone-1", "capstone-2"), start=1):
        rules = (workspace / "capstones" / capstone / "README.md").read_text()
        assert "low-level framework" in rules and f"ldl capstone new {number} NAME" in rules
    assert (workspace / ".ldl" / "progress.sqlite").is_file() and (workspace / "runs").is_dir()


def test_init_again_adds_only_missing_files_and_keeps_the_learners(workspace):
    exercises = load_exercises()
    mine = workspace / "exercises" / exercises[0].stage_dir / f"{exercises[0].id}.py"
    mine.write_text("# my own solution\n")
    gone = workspace / "exercises" / exercises[1].stage_dir / f"{exercises[1].id}.py"
    gone.unlink()
    result = ldl("init", str(workspace), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"] is False
    assert report["added"] == [gone.relative_to(workspace).as_posix()]
    assert mine.read_text() == "# my own solution\n" and gone.is_file()
    again = json.loads(ldl("init", str(workspace), "--json").stdout)
    assert again["added"] == [] and len(again["kept"]) == len(report["kept"]) + 1


def test_reset_asks_first_and_does_nothing_when_refused(workspace):
    exercise = load_exercises()[0]
    mine = workspace / "exercises" / exercise.stage_dir / f"{exercise.id}.py"
    mine.write_text("# my work\n")
    result = ldl("reset", exercise.id, input="n\n")
    assert result.exit_code != 0 and "Replace" in result.output
    assert mine.read_text() == "# my work\n"
    assert not any((workspace / ".ldl" / "backups").rglob("*.py"))


def test_reset_restores_the_starter_and_keeps_a_backup(workspace):
    exercise = load_exercises()[0]
    mine = workspace / "exercises" / exercise.stage_dir / f"{exercise.id}.py"
    mine.write_text("# my work\n")
    result = ldl("reset", exercise.id, input="y\n")
    assert result.exit_code == 0, result.output
    assert mine.read_text() == exercise.starter_path.read_text()
    (backup,) = (workspace / ".ldl" / "backups").rglob(f"{exercise.id}.py")
    assert backup.read_text() == "# my work\n"
    unchanged = json.loads(ldl("reset", exercise.id, "--yes", "--json").stdout)
    assert unchanged["changed"] is False and unchanged["backup"] is None


def test_reset_of_a_lab_rematerialises_its_notebook_with_a_backup(workspace):
    lab = load_labs()[0]
    notebook = workspace / "labs" / lab.stage_dir / f"{lab.id}.ipynb"

    def sources() -> list[str]:
        return [cell["source"] for cell in json.loads(notebook.read_text())["cells"]]

    fresh = sources()
    notebook.write_text('{"my": "edits"}')
    report = json.loads(ldl("reset", lab.id, "--yes", "--json").stdout)
    assert report["kind"] == "lab" and sources() == fresh
    assert (workspace / report["backup"]).read_text() == '{"my": "edits"}'


def test_reset_of_an_unknown_item_suggests_close_ids(workspace):
    exercise = load_exercises()[0]
    result = ldl("reset", exercise.id[:-1], "--yes")
    assert result.exit_code == 1
    assert exercise.id in shown(result)


def test_reset_with_json_needs_yes(workspace):
    result = ldl("reset", load_exercises()[0].id, "--json")
    assert result.exit_code == 1 and "--yes" in shown(result)


def test_errors_reach_the_user_as_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.delenv("LDL_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["next"])
    assert result.exit_code == 1
    assert "ldl init" in result.output and "Traceback" not in result.output


def test_reset_of_a_deleted_file_just_recreates_it_without_asking(workspace):
    exercise = load_exercises()[0]
    mine = workspace / "exercises" / exercise.stage_dir / f"{exercise.id}.py"
    mine.unlink()
    result = ldl("reset", exercise.id)  # no input: a prompt would abort
    assert result.exit_code == 0, result.output
    assert mine.read_text() == exercise.starter_path.read_text()
