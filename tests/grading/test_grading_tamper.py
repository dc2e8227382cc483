"""The tamper corpus: learner files that try to fool the grader. None may ever be graded `pass`.

Each attack replaces the tiny exercise's `scale` and `total` with wrong answers (or none) and
then tries to make the grader believe otherwise. The verdict comes from values the parent
compares with a separate reference process, so the only way to pass is to return right values.
"""

from __future__ import annotations

import pytest
from grading_kit import make_job

from ldl.grading.runner import grade
from ldl.grading.verdicts import Verdict

WRONG = """
import numpy as np


def scale(x, factor):
    return x * 0


def total(x):
    return -1.0
"""

FAILING = {Verdict.FAIL, Verdict.ERROR}
# Where the attacker's file sits: <root>/workspace/exercises/2-math/tiny.py, content in <root>/content.
ROOT = "import os\nROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))\n"

ATTACKS: dict[str, tuple[str, set[Verdict]]] = {
    "os._exit(0) at import": ("import os\nos._exit(0)\n" + WRONG, FAILING),
    "os._exit(0) inside the function": (
        "import os\n\ndef scale(x, factor):\n    os._exit(0)\n\ndef total(x):\n    os._exit(0)\n",
        FAILING,
    ),
    "sys.exit(0) at import": ("import sys\nsys.exit(0)\n", FAILING),
    "sys.exit(0) inside the function": (
        "import sys\n\ndef scale(x, factor):\n    sys.exit(0)\n\ndef total(x):\n    sys.exit(0)\n",
        FAILING,
    ),
    "raising a BaseException subclass": (
        "class Boom(BaseException):\n    pass\n\ndef scale(x, factor):\n    raise Boom()\n\n"
        "def total(x):\n    raise KeyboardInterrupt\n",
        FAILING,
    ),
    "raising SystemExit('PASSED') at import": ("raise SystemExit('PASSED')\n", FAILING),
    "monkeypatching numpy.allclose and friends": (
        "import numpy as np\nnp.allclose = np.array_equal = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n" + WRONG,
        FAILING,
    ),
    "monkeypatching builtins (isinstance, type, len)": (
        "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.len = lambda *a: 0\n" + WRONG,
        FAILING,
    ),
    "monkeypatching pytest and assert": (
        "import sys, types\nfake = types.ModuleType('pytest')\nfake.approx = lambda *a, **k: True\n"
        "sys.modules['pytest'] = fake\nimport builtins\n"
        "builtins.AssertionError = type('Nope', (Exception,), {})\n" + WRONG,
        FAILING,
    ),
    "an object whose __eq__ is always True": (
        "class Liar:\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\n"
        "    def __array__(self, *a, **k):\n        raise TypeError\n\n"
        "def scale(x, factor):\n    return Liar()\n\ndef total(x):\n    return Liar()\n",
        {Verdict.FAIL},
    ),
    "an ndarray subclass with a lying __eq__": (
        "import numpy as np\nclass Liar(np.ndarray):\n    def __eq__(self, other):\n        return True\n\n"
        "def scale(x, factor):\n    return np.zeros_like(x).view(Liar)\n\ndef total(x):\n    return 0.0\n",
        {Verdict.FAIL},
    ),
    "a float subclass with a lying __eq__": (
        "class Liar(float):\n    def __eq__(self, other):\n        return True\n"
        "    __hash__ = float.__hash__\n\n"
        "def scale(x, factor):\n    return Liar(0)\n\ndef total(x):\n    return Liar(0)\n",
        {Verdict.FAIL},
    ),
    "printing a fake PASSED report": (
        "print('tiny: PASS: all 3 checks passed')\nprint('{\"verdict\": \"pass\"}')\n" + WRONG,
        {Verdict.FAIL},
    ),
    "writing forged results to every file descriptor": (
        "import os, json\nfor fd in range(3, 64):\n    for message in ({'done': True}, {'verdict': 'pass'},"
        " {'case': 0, 'passed': True}, {'ready': True, 'rss': 0}):\n        try:\n"
        "            os.write(fd, (json.dumps(message) + '\\n').encode())\n        except OSError:\n"
        "            pass\n" + WRONG,
        FAILING,
    ),
    "writing a results file": (
        "import json, os\n"
        "for name in ('results.json', 'report.json', os.path.expanduser('~/results.json')):\n"
        "    try:\n        open(name, 'w').write(json.dumps({'verdict': 'pass'}))\n    except OSError:\n"
        "        pass\n" + WRONG,
        FAILING,
    ),
    "editing the checks": (
        ROOT + "open(os.path.join(ROOT, 'content', 'tiny', 'checks.py'), 'w').write('def cases():\\n"
        "    return []\\n')\n" + WRONG,
        FAILING,
    ),
    "reading the reference solution": (
        ROOT + "exec(open(os.path.join(ROOT, 'content', 'tiny', 'solution.py')).read())\n",
        FAILING,
    ),
    "importing the reference solution through importlib": (
        ROOT + "import importlib.util\npath = os.path.join(ROOT, 'content', 'tiny', 'solution.py')\n"
        "spec = importlib.util.spec_from_file_location('sol', path)\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\nscale, total = module.scale, module.total\n",
        FAILING,
    ),
    "closing stdout and stderr": (
        "import os, sys\nsys.stdout.close()\nos.close(1)\nos.close(2)\n" + WRONG,
        FAILING,
    ),
    "closing every file descriptor": ("import os\nos.closerange(0, 256)\n" + WRONG, FAILING),
    "forking and exiting": (
        "import os\ntry:\n    if os.fork():\n        os._exit(0)\nexcept PermissionError:\n    pass\n"
        + WRONG,
        FAILING,
    ),
    "swallowing signals": (
        "import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM):\n"
        "    signal.signal(s, signal.SIG_IGN)\n" + WRONG,
        FAILING,
    ),
    "opening the progress store": (
        ROOT
        + "open(os.path.join(ROOT, 'workspace', '.ldl', 'progress.sqlite'), 'w').write('pass')\n"
        + WRONG,
        FAILING,
    ),
    "connecting to the network": (
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=0.2)\n" + WRONG,
        FAILING,
    ),
    "loading native code with ctypes": ("import ctypes\nctypes.CDLL('libc.so.6').exit(0)\n" + WRONG, FAILING),
    "spawning a subprocess": ("import subprocess\nsubprocess.run(['true'])\n" + WRONG, FAILING),
    "killing the grading parent": ("import os\nos.kill(os.getppid(), 9)\n" + WRONG, FAILING),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_never_graded_pass(tmp_path, name):
    source, allowed = ATTACKS[name]
    result = grade(make_job(tmp_path, source))
    assert result.verdict is not Verdict.PASS, result.feedback
    assert result.verdict in allowed, result.feedback


def test_the_checks_file_is_untouched_after_an_attack(tmp_path):
    job = make_job(tmp_path, ATTACKS["editing the checks"][0])
    before = job.checks_file.read_text()
    grade(job)
    assert job.checks_file.read_text() == before


def test_shadow_modules_in_the_learners_folder_do_nothing(tmp_path):
    shadows = {
        "numpy.py": "allclose = lambda *a, **k: True\nraise SystemExit('shadow numpy ran')\n",
        "checks.py": "def cases():\n    return []\n",
        "_ldl_checks.py": "def cases():\n    return []\n",
    }
    learner = (
        "import numpy as np\nimport checks\n\ndef scale(x, factor):\n"
        "    return np.zeros(3)\n\ndef total(x):\n    return 0.0\n"
    )
    result = grade(make_job(tmp_path, learner, extra_learner_files=shadows))
    assert result.verdict is Verdict.FAIL, result.feedback  # real numpy, all three real cases
    assert len(result.cases) == 3


def test_a_correct_solution_that_also_prints_and_forges_still_only_passes_on_values(tmp_path):
    forged = (
        "import os\nfor fd in range(3, 1024):\n    try:\n"
        "        os.write(fd, b'{\"case\": 0}\\n')\n    except OSError:\n        pass\n"
    )
    source = (
        forged + "\nimport numpy as np\n\ndef scale(x, factor):\n    return x * factor\n\n"
        "def total(x):\n    return float(np.sum(x))\n"
    )
    result = grade(make_job(tmp_path, source))
    assert result.verdict is not Verdict.PASS  # a forged duplicate result fails that case


def test_the_same_solution_graded_twenty_times_gets_the_same_verdict(tmp_path):
    job = make_job(tmp_path, ATTACKS["printing a fake PASSED report"][0])
    verdicts = {grade(job).verdict for _ in range(20)}
    assert verdicts == {Verdict.FAIL}
