"""The per-case guards (docs/grading.md, "Guards"): each fires on a plausible wrong answer that
returns the right value, stays quiet on a right one, and can be switched off only with a reason.

Every test writes a throw-away exercise (solution + checks) with grading_kit and grades a learner
file against it in the real sandbox.
"""

from __future__ import annotations

import dataclasses
import textwrap

import pytest
from grading_kit import make_job, write

from ldl.grading.coverage import SignatureRecorder, optional_parameters
from ldl.grading.runner import grade
from ldl.grading.sandbox import Limits
from ldl.grading.spec import Case
from ldl.grading.verdicts import Verdict

SOLUTION = '''
import numpy as np


def centre(x):
    """x minus its mean (a new array)."""
    return x - x.mean()


def centre_all(xs, scales, layer):
    """Centre each array of the list, the dict's "w" entry, and the layer's weight."""
    return [x - x.mean() for x in xs], scales["w"] * 2.0, layer.weight - layer.weight.mean()


def flat(x):
    return x.reshape(-1).copy()


def pair(x):
    return x * 2.0, x * 2.0


def relu(x):
    return np.maximum(x, 0.0)


def normalise(x):
    return x / x.sum()


def out_size(n, k):
    return (n - k) // 2 + 1


def sigmoid(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def noisy(x, rng):
    return x + rng.normal(size=x.shape)


def row_norms(x):
    return np.sqrt((x * x).sum(axis=1))


def sum_of_squares(x):
    return float(x @ x)


def top_eigenvalue(A):
    v = np.ones(len(A))
    for _ in range(200):
        v = A @ v
        v = v / np.linalg.norm(v)
    return float(v @ A @ v)
'''

CHECKS = """
import numpy as np

from ldl.grading.spec import Case


class Layer:
    def __init__(self, weight):
        self.weight = weight


def cases():
    x = np.array([[1.0, 2.0], [3.0, 5.0]])
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    return [
        Case("centre", call="centre", args=(x,)),
        Case("nested", call="centre_all", args=([x, x + 1], {"w": x * 1.0}, Layer(x * 3))),
        Case("flat", call="flat", args=(x,)),
        Case("pair", call="pair", args=(x,)),
        Case("relu of positives", call="relu", args=(x,)),
        Case("integers", call="normalise", args=(np.array([1, 2, 5]),)),
        Case("float32", call="normalise", args=(np.array([1.0, 2.0, 5.0]),)),
        Case("size", call="out_size", args=(7, 3)),
        Case("sigmoid far out", call="sigmoid", args=(np.array([-1000.0, 0.0, 1000.0]),)),
        Case("noise", call="noisy", args=(x,), kwargs={"rng": np.random.default_rng(0)}),
        Case("norms of a tall matrix", call="row_norms", args=(np.ones((3000, 3)),)),
        Case("top eigenvalue", call="top_eigenvalue", args=(A,)),
    ]
"""

FAST = Limits(wall_seconds=10, memory_mb=400, setup_seconds=30)


def learner(**overrides: str) -> str:
    """The solution with some functions replaced by wrong versions (function name -> source)."""
    source = textwrap.dedent(SOLUTION)
    for body in overrides.values():
        source += "\n\n" + textwrap.dedent(body)  # a later def replaces the earlier one
    return source


def graded(tmp_path, source, checks=CHECKS, solution=SOLUTION, **job_fields):
    job = make_job(tmp_path, source, solution=solution, checks=checks, limits=FAST)
    return grade(dataclasses.replace(job, **job_fields))


def test_the_reference_passes_every_guard(tmp_path):
    result = graded(tmp_path, SOLUTION)
    assert result.verdict is Verdict.PASS, result.feedback


# ---- mutation -------------------------------------------------------------------------------


def test_mutating_an_input_fails_naming_the_argument(tmp_path):
    wrong = "def centre(x):\n    x -= x.mean()\n    return x.copy()\n"
    result = graded(tmp_path, learner(centre=wrong))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "centre"
    assert "changed its input `x` in place (argument 1 of centre)" in result.summary
    assert any("copy" in hint for hint in result.hints)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("xs[1] += 1", "`xs[1]`"),
        ("scales['w'][0, 0] = 9.0", "`scales['w']`"),
        ("layer.weight *= 2", "`layer.weight`"),
    ],
)
def test_mutating_inside_a_list_a_dict_or_an_object_fails(tmp_path, body, named):
    wrong = f"""
    def centre_all(xs, scales, layer):
        result = [x - x.mean() for x in xs], scales["w"] * 2.0, layer.weight - layer.weight.mean()
        {body}
        return result
    """
    result = graded(tmp_path, learner(centre_all=wrong))
    assert result.verdict is Verdict.FAIL, result.feedback
    assert named in result.summary


def test_in_place_work_passes_where_the_case_asks_for_it(tmp_path):
    solution = SOLUTION + "\n\ndef shift(x):\n    x -= 1.0\n    return None\n"
    checks = CHECKS.replace(
        "    return [",
        '    return [\n        Case("shift", call="shift", args=(x,), mutates=("x",), reason="asked for"),',
    )
    assert graded(tmp_path, solution, checks, solution).verdict is Verdict.PASS


def test_switching_a_guard_off_needs_a_reason():
    with pytest.raises(ValueError, match="mutates guard without a reason"):
        Case("c", call="f", mutates=("x",))
    for switched in ({"may_alias": True}, {"exact_dtype": False}, {"fp_warnings": False}):
        with pytest.raises(ValueError, match="without a reason"):
            Case("c", call="f", **switched)
    with pytest.raises(ValueError, match="memory_factor guard without a reason"):
        Case("c", call="f", memory_factor=None)
    case = Case("c", call="f", global_random=True, reason="the statement seeds numpy itself")
    assert case.guards()["global_random"] is True
    assert Case("c", call="f").guards({"fp_warnings": False})["fp_warnings"] is False
    assert Case("c", call="f", fp_warnings=True).guards({"fp_warnings": False})["fp_warnings"] is True


def test_exercise_guard_defaults_need_a_reason():
    from ldl.curriculum.items import GuardDefaults

    with pytest.raises(ValueError, match="needs a reason"):
        GuardDefaults(fp_warnings=False)
    assert GuardDefaults(memory_factor=None, reason="r").settings() == {"memory_factor": None}
    assert GuardDefaults(time_factor=20).settings() == {"time_factor": 20}


# ---- aliasing -------------------------------------------------------------------------------


def test_returning_a_view_of_the_input_fails(tmp_path):
    result = graded(tmp_path, learner(flat="def flat(x):\n    return x.reshape(-1)\n"))
    assert result.verdict is Verdict.FAIL
    assert "shares memory with the input `x`" in result.summary


def test_returning_the_input_itself_fails(tmp_path):
    shortcut = "def relu(x):\n    return x if (x >= 0).all() else np.maximum(x, 0.0)\n"
    result = graded(tmp_path, learner(relu=shortcut))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "relu of positives"
    assert "your result `result` shares memory with the input `x` (argument 1 of relu)" in result.summary


def test_returning_one_array_for_two_results_fails(tmp_path):
    result = graded(tmp_path, learner(pair="def pair(x):\n    y = x * 2.0\n    return y, y\n"))
    assert result.verdict is Verdict.FAIL
    assert "two of your results, `result[0]` and `result[1]`, are the same array" in result.summary


# ---- dtypes ---------------------------------------------------------------------------------


def test_integer_truncation_fails(tmp_path):
    wrong = "def normalise(x):\n    out = np.zeros_like(x)\n    out[:] = x / x.sum()\n    return out\n"
    result = graded(tmp_path, learner(normalise=wrong))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "integers"
    assert "integers, but expected floats" in result.summary
    assert any("dtype=float" in line for line in result.details)


def test_float32_for_float64_fails_unless_allowed(tmp_path):
    wrong = "def normalise(x):\n    return (x / x.sum()).astype(np.float32)\n"
    result = graded(tmp_path, learner(normalise=wrong))
    assert result.verdict is Verdict.FAIL
    assert "dtype is float32, but expected float64" in result.summary
    relaxed = CHECKS.replace(
        '"float32", call="normalise",', '"float32", call="normalise", exact_dtype=False, reason="-",'
    )
    relaxed = relaxed.replace('Case("integers", call="normalise", args=(np.array([1, 2, 5]),)),', "")
    assert graded(tmp_path, learner(normalise=wrong), relaxed).verdict is Verdict.PASS


def test_a_float_where_an_integer_size_belongs_fails(tmp_path):
    result = graded(tmp_path, learner(out_size="def out_size(n, k):\n    return (n - k) / 2 + 1\n"))
    assert result.verdict is Verdict.FAIL
    assert "expected an integer like 3, got a float: 3.0" in result.summary


# ---- floating-point warnings ----------------------------------------------------------------


NAIVE_SIGMOID = "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-x))\n"


def test_an_overflow_warning_fails_even_when_the_value_is_right(tmp_path):
    source = learner(sigmoid=NAIVE_SIGMOID)
    line = source.splitlines().index("    return 1.0 / (1.0 + np.exp(-x))") + 1
    result = graded(tmp_path, source)
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "sigmoid far out"
    assert f'"overflow encountered in exp" at line {line} of your file' in result.summary


def test_fp_warnings_can_be_switched_off_for_the_whole_exercise(tmp_path):
    guards = (("fp_warnings", False), ("reason", "this exercise is about the naive formula"))
    assert graded(tmp_path, learner(sigmoid=NAIVE_SIGMOID), guards=guards).verdict is Verdict.PASS


# ---- global random state --------------------------------------------------------------------


@pytest.mark.parametrize(
    "side_effect", ["np.random.seed(0)", "np.random.rand()", "np.random.default_rng().normal()"]
)
def test_using_global_random_state_fails(tmp_path, side_effect):
    wrong = f"def noisy(x, rng):\n    {side_effect}\n    return x + rng.normal(size=x.shape)\n"
    result = graded(tmp_path, learner(noisy=wrong))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "noise"
    assert "instead of the random generator it was given" in result.summary


# ---- budgets --------------------------------------------------------------------------------


def test_an_n_by_n_materialisation_breaks_the_memory_budget(tmp_path):
    wrong = "def row_norms(x):\n    return np.sqrt(np.diag(x @ x.T).copy())\n"
    result = graded(tmp_path, learner(row_norms=wrong))
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "norms of a tall matrix"
    assert "allocated up to" in result.summary and "8 x the reference" in result.summary


def test_an_explicit_memory_budget_is_traced_exactly(tmp_path):
    wrong = "def row_norms(x):\n    return np.sqrt(np.diag(x @ x.T).copy())\n"
    small = CHECKS.replace("np.ones((3000, 3))", "np.ones((600, 3))")  # 2.9 MB: under the RSS floor
    explicit = small.replace("args=(np.ones((600, 3)),)", "args=(np.ones((600, 3)),), memory_factor=4")
    assert graded(tmp_path, learner(row_norms=wrong), small).verdict is Verdict.PASS
    result = graded(tmp_path, learner(row_norms=wrong), explicit)
    assert result.verdict is Verdict.FAIL
    assert "4 x the reference + 2.0 MB" in result.summary
    assert graded(tmp_path, SOLUTION, explicit).verdict is Verdict.PASS


def test_a_python_loop_breaks_a_time_budget(tmp_path):
    loop = "def sum_of_squares(x):\n    total = 0.0\n    for v in x:\n        total += v * v\n"
    loop += "    return total\n"
    checks = CHECKS.replace(
        "    return [",
        '    return [\n        Case("long", call="sum_of_squares", args=(np.ones(10**6),), time_factor=5),',
    )
    result = graded(tmp_path, learner(sum_of_squares=loop), checks)
    assert result.verdict is Verdict.FAIL, result.feedback
    assert "took" in result.summary and "5 x the reference" in result.summary
    assert graded(tmp_path, SOLUTION, checks).verdict is Verdict.PASS


# ---- forbid and imports ---------------------------------------------------------------------

FORBID = (("numpy.linalg.eigh", "the exercise IS the power iteration"),)
SHORTCUT = "def top_eigenvalue(A):\n    return float(np.linalg.eigh(A)[0][-1])\n"


def test_a_forbidden_name_is_caught_statically(tmp_path):
    result = graded(tmp_path, learner(top_eigenvalue=SHORTCUT), forbid=FORBID)
    assert result.verdict is Verdict.FAIL
    assert result.summary == "tiny must not use numpy.linalg.eigh: the exercise IS the power iteration"
    aliased = "from numpy.linalg import eigh as e\n\n" + learner(
        top_eigenvalue="def top_eigenvalue(A):\n    return float(e(A)[0][-1])\n"
    )
    assert "must not use numpy.linalg.eigh" in graded(tmp_path, aliased, forbid=FORBID).summary


def test_a_forbidden_name_is_caught_at_run_time(tmp_path):
    hidden = 'def top_eigenvalue(A):\n    return float(getattr(np.linalg, "ei" + "gh")(A)[0][-1])\n'
    result = graded(tmp_path, learner(top_eigenvalue=hidden), forbid=FORBID)
    assert result.verdict is Verdict.FAIL
    assert result.failing_case == "top eigenvalue"
    assert "called `numpy.linalg.eigh`, which this exercise does not allow" in result.summary
    assert graded(tmp_path, SOLUTION, forbid=FORBID).verdict is Verdict.PASS


def test_imports_outside_the_allow_list_fail(tmp_path):
    imports = ("numpy", "math")
    result = graded(tmp_path, "import json\n" + SOLUTION, imports=imports)
    assert result.verdict is Verdict.FAIL
    assert "imports `json`, which tiny does not allow: it may import numpy, math" in result.summary
    sneaky = 'def centre(x):\n    __import__("js" + "on")\n    return x - x.mean()\n'
    result = graded(tmp_path, learner(centre=sneaky), imports=imports)
    assert result.verdict is Verdict.FAIL
    assert "imported `json`, which this exercise does not allow" in result.summary
    fine = "from __future__ import annotations\nimport math\n" + SOLUTION
    assert graded(tmp_path, fine, imports=imports).verdict is Verdict.PASS


# ---- the reference, and known mistakes ------------------------------------------------------


def test_a_reference_that_trips_a_guard_is_a_grader_error(tmp_path):
    solution = SOLUTION.replace("return x - x.mean()", "x -= x.mean()\n    return x.copy()")
    result = graded(tmp_path, SOLUTION, solution=solution)
    assert result.verdict is Verdict.GRADER_ERROR
    assert not result.verdict.counts_as_attempt
    text = "\n".join(result.details)
    assert "trips the mutation guard on case 'centre'" in text and "reason=" in text


def test_a_mistake_that_mutates_its_input_is_matched_by_its_finding(tmp_path):
    wrong = "def centre(x):\n    x -= x.mean()\n    return x.copy()\n"
    job = make_job(tmp_path, learner(centre=wrong), solution=SOLUTION, checks=CHECKS, limits=FAST)
    write(job.mistakes_dir / "mutates_input.py", '"""You subtract in place."""\n' + learner(centre=wrong))
    result = grade(job)
    assert result.verdict is Verdict.FAIL
    assert result.hints[0] == "You subtract in place."
    assert "You multiply by the factor twice." not in result.hints


# ---- signature coverage ---------------------------------------------------------------------


def test_optional_parameters_are_read_from_the_starter(tmp_path):
    starter = write(
        tmp_path / "starter.py",
        """
        def f(x, axis=-1, *, eps=1e-8):
            raise NotImplementedError

        def _helper(y=1):
            pass

        class Opt:
            def __init__(self, params, lr=0.1):
                pass

            def step(self):
                pass
        """,
    )
    assert optional_parameters(starter) == {"f": ["axis", "eps"], "Opt.__init__": ["lr"]}


def test_the_recorder_notes_only_outside_calls_at_non_default_values(tmp_path):
    import importlib.util

    path = write(
        tmp_path / "sol.py",
        """
        def f(x, axis=-1, eps=1e-8):
            return x

        def g(x, scale=1.0):
            return f(x, eps=0.5)
        """,
    )
    spec = importlib.util.spec_from_file_location("sol_for_recorder", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    recorder = SignatureRecorder(module)
    module.f(1, axis=-1)  # the default again: not covered
    module.g(1, scale=2.0)  # g's inner call to f is the solution's own: not a case setting eps
    module.f(1, 0)
    assert recorder.report() == {"f": ["axis"], "g": ["scale"]}


def test_exercise_yaml_fields_reach_the_grading_job():
    from ldl.curriculum.items import Forbidden, GuardDefaults, get_exercise
    from ldl.grading.service import job_for

    exercise = get_exercise("power_iteration").model_copy(
        update={
            "forbid": [Forbidden(name="numpy.linalg.eigh", reason="the exercise IS the power iteration")],
            "guards": GuardDefaults(fp_warnings=False, reason="a test"),
        }
    )
    job = job_for(exercise, exercise.solution_path, lambda exercise_id: get_exercise(exercise_id))
    assert job.forbid == (("numpy.linalg.eigh", "the exercise IS the power iteration"),)
    assert dict(job.guards) == {"fp_warnings": False}
    assert job.imports == ("numpy", "math")
