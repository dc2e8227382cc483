"""The framework audit catches each way of reaching a forbidden framework: statically where the
name is written down, at run time where it is built or reached indirectly."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from ldl.capstone import audit
from ldl.capstone.rules import forbidden_match, stage_rules
from ldl.capstone.runs import run_once

RULES = stage_rules(1)


def scan(tmp_path: Path, *cells: str) -> list[audit.Finding]:
    return audit.scan_sources(list(cells), tmp_path, RULES.forbidden)


@pytest.mark.parametrize(
    "source, rule",
    [
        ("import fastai.vision.all as fv", "fastai"),
        ("from fastai.vision.all import *", "fastai"),
        ("import tensorflow as tf\nmodel = tf.keras.Sequential()", "tensorflow.keras"),
        ("from tensorflow import keras", "tensorflow.keras"),
        ("from transformers import Trainer", "transformers.Trainer"),
        ("import importlib\nimportlib.import_module('pytorch_lightning')", "pytorch_lightning"),
        ("ignite = __import__('ignite.engine')", "ignite"),
        ("%matplotlib inline\nfrom ldl.practical import vision", "ldl.practical"),
    ],
)
def test_the_static_scan_catches_written_names(tmp_path, source, rule):
    findings = scan(tmp_path, "import numpy as np", source)
    assert [f.rule for f in findings] == [rule]
    assert findings[0].where.startswith("code cell 2, line")
    assert findings[0].reason  # every rule says why


def test_allowed_frameworks_pass_the_static_scan(tmp_path):
    source = (
        "import torch\nimport numpy as np\nimport tensorflow as tf\nfrom transformers import AutoModel\n"
        "from sklearn.model_selection import train_test_split\nfrom ldl.notebooks.lab import report\n"
        "x = tf.GradientTape()\nimport importlib.util\nimportlib.util.find_spec('fastai')"
    )
    assert scan(tmp_path, source) == []


def test_the_static_scan_follows_local_modules(tmp_path):
    (tmp_path / "helpers.py").write_text("from utils import tools\n")
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "__init__.py").write_text("")
    (tmp_path / "utils" / "tools.py").write_text("import torch\n\nimport lightning as L\n")
    findings = scan(tmp_path, "import helpers")
    assert [(f.rule, f.where) for f in findings] == [("lightning", "utils/tools.py, line 3")]


def test_a_name_built_at_run_time_escapes_the_static_scan(tmp_path):
    """Which is why there is a runtime audit (next test)."""
    assert scan(tmp_path, "import importlib\nimportlib.import_module('fast' + 'ai')") == []


def test_forbidden_match_is_by_dotted_prefix():
    forbidden = RULES.forbidden
    assert forbidden_match("fastai.vision.all", forbidden).name == "fastai"
    assert forbidden_match("fastaix", forbidden) is None
    assert forbidden_match("tensorflow.math", forbidden) is None
    assert forbidden_match("transformers.AutoModel", forbidden) is None


def test_used_names_resolves_aliases_defined_later_in_the_walk():
    tree = ast.parse("def f():\n    return k.layers\nimport keras as k\n")
    assert ("keras.layers", 2) in audit.used_names(tree)


def test_the_runtime_audit_catches_every_evasion_in_a_real_kernel(tmp_path):
    """One kernel, three evasions: a name built at run time, `tf.keras` reached through a lazy
    attribute (a stand-in tensorflow package, since TensorFlow is not installed here), and a helper
    module that imports Lightning. Each is refused and logged; a find_spec probe is not."""
    (tmp_path / "tensorflow").mkdir()
    (tmp_path / "tensorflow" / "__init__.py").write_text(
        "def __getattr__(name):\n    import importlib\n"
        "    return importlib.import_module('tensorflow.' + name)\n"
    )
    (tmp_path / "helpers.py").write_text("import lightning\n")
    attempts = [
        "import importlib\ntry:\n    importlib.import_module('fast' + 'ai')\n"
        "except ImportError as e:\n    print(e)",
        "import tensorflow as tf\ntry:\n    tf.keras\nexcept ImportError as e:\n    print(e)",
        "try:\n    import helpers\nexcept ImportError as e:\n    print(e)",
        "import importlib.util\nassert importlib.util.find_spec('sklearn') is not None\n"
        "importlib.util.find_spec('stable_baselines3')",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in attempts])
    (tmp_path / "capstone.yaml").write_text("name: evasions\nstage: 1\n")
    outcome = run_once(tmp_path, nb, RULES)
    assert outcome.ok, outcome.error
    caught = {(f.rule, f.name) for f in outcome.findings}
    assert caught == {
        ("fastai", "fastai"),
        ("tensorflow.keras", "tensorflow.keras"),
        ("lightning", "lightning"),
    }
    assert all(f.where.startswith("at run time") for f in outcome.findings)
