"""The stored reference runs (reference_cache.py): used when nothing changed, ignored otherwise.

A stored run saves the reference child (and every known mistake) on later gradings. These tests
prove it is only a saving: editing any file of the exercise gives a fresh reference run, a damaged
or forged file is ignored (the verdict stays right), time budgets still get fresh reference times,
and the learner's code cannot read the store.
"""

from __future__ import annotations

import json
import os

import pytest
from grading_kit import CORRECT, MISTAKE, make_job, write

from ldl.grading import reference_cache, runner, sandbox, wire
from ldl.grading.runner import grade
from ldl.grading.verdicts import Verdict

WRONG = CORRECT.replace("return x * factor", "return x * factor + 1")


@pytest.fixture
def roles(monkeypatch):
    """The harness configs of the children started, in order (the real children still run)."""
    started: list[dict] = []
    real = sandbox.run_child

    def spy(config, *args, **kwargs):
        started.append(config)
        return real(config, *args, **kwargs)

    monkeypatch.setattr(sandbox, "run_child", spy)
    return started


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(reference_cache.ENV_VARIABLE, str(folder))
    return folder


def stored_file(cache, job):
    return cache / f"{job.exercise_id}.json"


def test_a_second_grading_uses_the_stored_run_and_its_mistakes(tmp_path, cache, roles):
    job = make_job(tmp_path, MISTAKE)
    first = grade(job)
    assert sorted(config["role"] for config in roles) == ["learner", "reference"]
    assert stored_file(cache, job).is_file()
    roles.clear()
    second = grade(job)
    assert [config["role"] for config in roles] == ["learner"]  # no reference child at all
    assert second.verdict is first.verdict is Verdict.FAIL
    assert "You multiply by the factor twice." in second.hints  # the mistakes' values were stored too
    write(job.learner_file, CORRECT)
    assert grade(job).verdict is Verdict.PASS


@pytest.mark.parametrize(
    "edited",
    [
        "solution.py",
        "mistakes/squared_factor.py",
        pytest.param("checks.py", marks=pytest.mark.slow),
        pytest.param("statement.md", marks=pytest.mark.slow),
    ],
)
def test_editing_any_file_of_the_exercise_runs_the_reference_again(tmp_path, cache, roles, edited):
    job = make_job(tmp_path, CORRECT)
    assert grade(job).verdict is Verdict.PASS
    folder = job.solution_file.parent
    if edited == "solution.py":  # the old right answer is wrong now: only a fresh run can know
        write(folder / edited, CORRECT.replace("return x * factor", "return x * factor + 1"))
    else:
        path = folder / edited
        path.write_text((path.read_text() if path.exists() else "") + "\n# edited\n")
    roles.clear()
    result = grade(job)
    assert sorted(config["role"] for config in roles) == ["learner", "reference"]
    expected = Verdict.FAIL if edited == "solution.py" else Verdict.PASS
    assert result.verdict is expected, result.feedback


def test_the_key_changes_with_the_libraries_and_the_exercise_config(tmp_path, cache):
    job = make_job(tmp_path, CORRECT)
    config = runner._reference_config(job)
    base = reference_cache.key(job, config)
    assert reference_cache.key(job, config) == base
    assert reference_cache.key(job, {**config, "guards": {"exact_dtype": False}}) != base
    scipy_job = make_job(tmp_path, CORRECT, requires=("numpy", "scipy"))
    assert reference_cache.key(scipy_job, runner._reference_config(scipy_job)) != base


def corruptions(text: str, wrong_value: dict) -> list[str]:
    """Damaged versions of a stored file: garbage, truncated, another format, and a forged body
    (the reference's answer replaced by a wrong one) whose digest no longer matches."""
    stored = json.loads(text)
    body = json.loads(stored["body"])
    for message in body:
        if message.get("case") == 0 and "mistake" not in message:
            message["value"] = wrong_value
    forged = {**stored, "body": json.dumps(body)}
    return [
        "\x00garbage\x00",
        text[: len(text) // 2],
        json.dumps({**stored, "format": 999}),
        json.dumps({**stored, "body": "[1, 2"}),
        json.dumps(forged),
        json.dumps([]),
    ]


def test_a_damaged_or_forged_cache_file_is_ignored_never_a_wrong_verdict(tmp_path, cache, roles):
    job = make_job(tmp_path, WRONG)
    assert grade(job).verdict is Verdict.FAIL
    path = stored_file(cache, job)
    good = path.read_text()
    import numpy as np

    x = np.arange(6.0).reshape(2, 3)
    wrong_value = wire.encode(x * 2.0 + 1)  # what WRONG returns on case 0
    for damaged in corruptions(good, wrong_value):
        path.write_text(damaged)
        roles.clear()
        result = grade(job)
        assert result.verdict is Verdict.FAIL, (damaged[:80], result.feedback)
        assert result.failing_case == "scale a matrix"
        assert sorted(config["role"] for config in roles) == ["learner", "reference"]
        assert json.loads(path.read_text())["digest"]  # replaced by a good one
    write(job.learner_file, CORRECT)
    assert grade(job).verdict is Verdict.PASS


def test_an_unwritable_cache_folder_costs_time_not_the_verdict(tmp_path, monkeypatch):
    blocker = write(tmp_path / "not-a-folder", "a file where the cache folder should be")
    monkeypatch.setenv(reference_cache.ENV_VARIABLE, str(blocker / "cache"))
    assert grade(make_job(tmp_path, CORRECT)).verdict is Verdict.PASS
    assert grade(make_job(tmp_path, WRONG)).verdict is Verdict.FAIL


def test_a_file_that_cannot_be_hashed_means_grading_without_the_cache(tmp_path, cache, roles):
    job = make_job(tmp_path, WRONG)
    (job.solution_file.parent / "data.npy").symlink_to(tmp_path / "gone")  # a dangling link
    assert grade(job).verdict is Verdict.FAIL
    assert not stored_file(cache, job).exists()
    roles.clear()
    assert grade(job).verdict is Verdict.FAIL
    assert sorted(config["role"] for config in roles) == ["learner", "reference"]


def test_off_switches_the_cache_off(tmp_path, monkeypatch, roles):
    monkeypatch.setenv(reference_cache.ENV_VARIABLE, "off")
    job = make_job(tmp_path, CORRECT)
    grade(job)
    grade(job)
    assert sorted(config["role"] for config in roles) == ["learner", "learner", "reference", "reference"]


TIMED_CHECKS = """
import numpy as np

from ldl.grading.spec import Case


def cases():
    x = np.arange(6.0).reshape(2, 3)
    return [
        Case("scale a matrix", call="scale", args=(x, 2.0)),
        Case("total, within a time budget", call="total", args=(np.ones(1000),), time_factor=50),
    ]
"""


def test_cases_with_a_time_budget_get_a_fresh_reference_run_for_those_only(tmp_path, cache, roles):
    job = make_job(tmp_path, CORRECT, checks=TIMED_CHECKS)
    assert grade(job).verdict is Verdict.PASS
    roles.clear()
    result = grade(job)
    assert result.verdict is Verdict.PASS, result.feedback
    reference = [config for config in roles if config["role"] == "reference"]
    assert len(reference) == 1 and reference[0]["only_cases"] == [1] and reference[0]["mistakes"] == {}
    slow = CORRECT.replace(
        "return float(np.sum(x))", "import time\n    time.sleep(0.6)\n    return float(np.sum(x))"
    )
    write(job.learner_file, slow)
    result = grade(job)
    assert result.verdict is Verdict.FAIL and "the reference" in result.summary, result.feedback


READS_THE_CACHE = """
import os

import numpy as np


def scale(x, factor):
    folder = os.environ.get("LDL_GRADING_CACHE", "")
    with open(os.path.join(folder, "tiny.json")) as stored:
        stored.read()
    return x * factor


def total(x):
    return float(np.sum(x))
"""


def test_the_learners_code_cannot_read_the_stored_values(tmp_path, cache):
    job = make_job(tmp_path, CORRECT)
    assert grade(job).verdict is Verdict.PASS
    assert stored_file(cache, job).is_file() and os.environ[reference_cache.ENV_VARIABLE] == str(cache)
    write(job.learner_file, READS_THE_CACHE)
    result = grade(job)
    assert result.verdict is Verdict.ERROR, result.feedback
    assert "Error" in result.summary
