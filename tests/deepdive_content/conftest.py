"""The `load` fixture: a stage 3 reference solution, loaded the way the grader loads it."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from ldl.curriculum.items import get_exercise


@pytest.fixture
def load(monkeypatch):
    """load(exercise_id) -> the reference solution module, its `uses` importable by id."""

    def _load(exercise_id: str):
        exercise = get_exercise(exercise_id)
        for used in exercise.uses:
            _load(used)
        spec = importlib.util.spec_from_file_location(exercise_id, exercise.solution_path)
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, exercise_id, module)
        spec.loader.exec_module(module)
        return module

    return _load
