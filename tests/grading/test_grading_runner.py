"""Grading the tiny exercise: verdicts, feedback, known mistakes, and what is (not) revealed."""

from __future__ import annotations

import pytest
from grading_kit import CORRECT, HIDDEN_INPUT, MISTAKE, make_job

from ldl.grading.runner import grade
from ldl.grading.sandbox import Limits
from ldl.grading.verdicts import FEEDBACK_LIMIT_BYTES, Verdict


def test_the_reference_solution_passes(tmp_path):
    result = grade(make_job(tmp_path, CORRECT))
    assert result.verdict is Verdict.PASS, result.feedback
    assert [case.passed for case in result.cases] == [True, True, True]


def test_a_wrong_value_fails_with_expected_got_and_the_input(tmp_path):
    learner = CORRECT.replace("return x * factor", "return x * factor + 1")
    result = grade(make_job(tmp_path, learner))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "scale a matrix"
    assert "max abs error: 1" in result.feedback
    assert "first mismatch at index (0, 0): expected 0.0, got 1.0" in result.feedback
    assert "[[0. 1. 2.]" in result.feedback  # the failing case's input is shown


def test_only_the_failing_case_input_is_shown_and_hidden_inputs_never(tmp_path):
    learner = CORRECT.replace("return x * factor", "return x * factor if x.size > 1 else x * 0")
    result = grade(make_job(tmp_path, learner))
    assert result.failing_case == "a hidden case"
    assert str(HIDDEN_INPUT) not in result.feedback and "123456" not in result.feedback
    assert "[[0. 1. 2.]" not in result.feedback  # a passing case's input stays private


def test_a_known_mistake_shows_its_docstring(tmp_path):
    result = grade(make_job(tmp_path, MISTAKE))
    assert result.verdict is Verdict.FAIL
    assert "You multiply by the factor twice." in result.hints


def test_a_generic_diagnosis_names_a_missing_division(tmp_path):
    learner = CORRECT.replace("return x * factor", "return x * factor * 3")
    result = grade(make_job(tmp_path, learner))
    assert any("3 times too big" in hint for hint in result.hints), result.hints


def test_an_exception_is_an_error_with_the_learners_traceback_only(tmp_path):
    learner = (
        CORRECT.replace("return x * factor", "return helper(x)") + "\n\ndef helper(x):\n    return x[99]\n"
    )
    result = grade(make_job(tmp_path, learner))
    assert result.verdict is Verdict.ERROR
    assert "IndexError" in result.summary
    assert 'File "tiny.py"' in result.feedback and "in helper" in result.feedback
    assert "harness.py" not in result.feedback and "checks.py" not in result.feedback


def test_the_starter_body_reads_as_not_implemented(tmp_path):
    learner = (
        "def scale(x, factor):\n    raise NotImplementedError\n\ndef total(x):\n"
        "    raise NotImplementedError\n"
    )
    result = grade(make_job(tmp_path, learner))
    assert result.verdict is Verdict.ERROR
    assert "not implemented yet" in result.summary and "`scale`" in result.summary


def test_a_syntax_error_is_an_error(tmp_path):
    result = grade(make_job(tmp_path, "def scale(x, factor)\n    return x\n"))
    assert result.verdict is Verdict.ERROR
    assert "SyntaxError" in result.summary


def test_returning_none_gets_a_targeted_hint(tmp_path):
    learner = CORRECT.replace("return x * factor", "x * factor")
    result = grade(make_job(tmp_path, learner))
    assert result.verdict is Verdict.FAIL
    assert any("`return`" in hint for hint in result.hints)


def test_what_the_code_prints_is_shown_but_capped(tmp_path):
    learner = CORRECT.replace("return x * factor", "print('é' * 20000)\n    return x * factor + 1")
    result = grade(make_job(tmp_path, learner))
    assert result.verdict is Verdict.FAIL
    assert "éééé" in result.output
    assert len(result.output.encode()) < 5000
    assert len(result.feedback.encode("utf-8")) <= FEEDBACK_LIMIT_BYTES


def test_checks_with_a_custom_compare_rule_run_in_the_parent(tmp_path):
    checks = """
import numpy as np
from ldl.grading.spec import Case


def same_sign(expected, got, case):
    return None if np.all(np.sign(expected) == np.sign(got)) else "the signs differ"


def cases():
    return [Case("signs only", call="scale", args=(np.array([1.0, -2.0]), 2.0), compare="same_sign")]
"""
    near = CORRECT.replace("return x * factor", "return x * factor * 10")
    assert grade(make_job(tmp_path / "a", near, checks=checks)).verdict is Verdict.PASS
    flipped = CORRECT.replace("return x * factor", "return -x * factor")
    result = grade(make_job(tmp_path / "b", flipped, checks=checks))
    assert result.verdict is Verdict.FAIL and "the signs differ" in result.summary


TORCH_SOLUTION = '''
import torch


def scale(x, factor):
    """Through torch and back: the reference imports torch like a stage-3 exercise would."""
    return (torch.from_numpy(x) * factor).numpy()


def total(x):
    return float(torch.from_numpy(x).sum())
'''


@pytest.mark.torch
def test_a_solution_importing_torch_passes_under_the_same_limits(tmp_path):
    # memory_mb is measured above the footprint after the trusted imports (torch alone is ~1 GB
    # resident here), so an ordinary exercise budget leaves torch room to work.
    job = make_job(
        tmp_path,
        TORCH_SOLUTION,
        solution=TORCH_SOLUTION,
        requires=("numpy", "torch"),
        limits=Limits(wall_seconds=10, memory_mb=256, setup_seconds=60),
    )
    result = grade(job)
    assert result.verdict is Verdict.PASS, result.feedback


def test_an_exercise_can_import_an_earlier_one_it_uses(tmp_path):
    """Exercise `second` uses `tiny`: the reference imports tiny's solution, the learner's file
    imports the learner's own tiny.py from the same stage folder."""
    from ldl.grading.runner import Job, UsedExercise

    first = make_job(tmp_path, CORRECT)
    folder = tmp_path / "content" / "second"
    folder.mkdir()
    uses_tiny = "from tiny import scale\n\n\ndef quadruple(x):\n    return scale(scale(x, 2.0), 2.0)\n"
    (folder / "solution.py").write_text(uses_tiny)
    checks = "import numpy as np\nfrom ldl.grading.spec import Case\n\n\ndef cases():\n"
    checks += "    return [Case('quadruple', call='quadruple', args=(np.arange(3.0),))]\n"
    (folder / "checks.py").write_text(checks)
    learner = first.learner_file.with_name("second.py")
    learner.write_text(uses_tiny)
    used = UsedExercise("tiny", first.solution_file, first.learner_file)
    job = Job("second", learner, folder / "solution.py", folder / "checks.py", first.limits, uses=(used,))
    assert grade(job).verdict is Verdict.PASS
    first.learner_file.write_text(CORRECT.replace("return x * factor", "return x + factor"))
    assert grade(job).verdict is Verdict.FAIL  # the learner's own (now wrong) tiny.py is what runs


RAISING_MISTAKE = '''"""`factor` is a float here: `range` needs an int, so convert with int() first."""


def scale(x, factor):
    return [x * step for step in range(factor)]


def total(x):
    return float(x.sum())
'''


def test_a_known_mistake_that_raises_shows_its_own_hint_when_the_learner_raises_alike(tmp_path):
    job = make_job(tmp_path, RAISING_MISTAKE)
    (job.mistakes_dir / "float_range.py").write_text(RAISING_MISTAKE)
    result = grade(job)
    assert result.verdict is Verdict.ERROR and "TypeError" in result.summary
    hint = "`factor` is a float here: `range` needs an int, so convert with int() first."
    assert result.hints[:1] == [hint]
    other = RAISING_MISTAKE.replace("return [x * step for step in range(factor)]", "raise TypeError('other')")
    job.learner_file.write_text(other)
    result = grade(job)  # a TypeError with another message: not that mistake
    assert result.verdict is Verdict.ERROR and "other" in result.summary
    assert not any("range" in hint for hint in result.hints), result.hints


SHORTCUT_MISTAKE = '''"""The exercise is the sum itself: `np.add.reduce` does the whole job.
Add the entries up with your own loop or a dot product with ones."""

import numpy as np


def scale(x, factor):
    return x * factor


def total(x):
    return float(np.add.reduce(x, axis=None))
'''


def test_a_file_refused_before_it_runs_shows_the_known_mistake_that_is_refused_alike(tmp_path):
    import dataclasses

    job = make_job(tmp_path, SHORTCUT_MISTAKE)
    (job.mistakes_dir / "library_shortcut.py").write_text(SHORTCUT_MISTAKE)
    job = dataclasses.replace(job, forbid=(("numpy.add.reduce", "the exercise is the sum"),))
    result = grade(job)
    assert result.verdict is Verdict.FAIL and "numpy.add.reduce" in result.summary
    assert result.hints == [
        "The exercise is the sum itself: `np.add.reduce` does the whole job.\n"
        "Add the entries up with your own loop or a dot product with ones."
    ]
    job.learner_file.write_text(CORRECT)
    assert grade(job).verdict is Verdict.PASS
