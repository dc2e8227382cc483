"""`ldl show`, the statement beside the learner's file, and checks of an unchanged file."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from ldl.cli import common, statement
from ldl.cli.app import app
from ldl.cli.terminal_math import latex_to_unicode, markdown_for_terminal
from ldl.curriculum import starters
from ldl.curriculum.items import get_exercise, load_exercises
from ldl.progress.store import ProgressStore


def ldl(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    "tex, text",
    [(r"\hat m_t = \frac{m_t}{1 - \beta_1^t}", "m̂ₜ = mₜ/(1 - β₁ᵗ)"),
     (r"\frac{\partial L}{\partial W} = x^\top g", "∂L/∂W = xᵀ g"),
     (r"\sum_{i=1}^{n} x_i \cdot w_i", "Σᵢ₌₁ⁿ xᵢ · wᵢ"),
     (r"W \in \mathbb{R}^{d \times k}", "W ∈ ℝ^(d × k)"),
     (r"\sqrt{\hat v_t} + \epsilon", "√v̂ₜ + ε"),
     (r"x_{\text{max}} \le \lVert x \rVert_2", "xₘₐₓ ≤ ‖ x ‖₂"),
     (r"\operatorname{Var}(W) = 1/\text{fan\_in}", "Var(W) = 1/fan_in"),
     (r"\mystery{x}", "mysteryx")],
)  # fmt: skip
def test_latex_becomes_readable_unicode(tex, text):
    assert latex_to_unicode(tex) == text


def test_maths_in_code_stays_as_written():
    assert markdown_for_terminal("`$x$` and $\\alpha$") == "`$x$` and α"


def _rendered(markdown_text: str) -> str:
    console = Console(width=80, record=True, color_system=None)
    console.print(statement.Markdown(markdown_for_terminal(markdown_text)))
    return console.export_text()


def test_every_statement_renders_without_latex_left_over():
    """Each statement at 80 columns: no `\\frac`, `\\partial`..., no `$` of unconverted maths."""
    leftovers = {}
    for exercise in load_exercises():
        text = _rendered(exercise.statement_path.read_text(encoding="utf-8"))
        found = set(re.findall(r"\\[A-Za-z]+", text)) | ({"$"} if "$" in text else set())
        if found:
            leftovers[exercise.id] = sorted(found)
    assert not leftovers


def test_show_prints_title_unit_file_signatures_and_hints(workspace, monkeypatch):
    monkeypatch.setattr(common, "console", Console(width=80, record=True, color_system=None))
    exercise = get_exercise("adam")
    result = ldl("show", "adam")
    assert result.exit_code == 0, result.output
    text = common.console.export_text()
    assert exercise.title in text and "deep-dive.optimizers" in text
    assert str(workspace / "exercises" / "3-deep-dive" / "adam.py") in text
    assert "def step(self) -> None" in text and f"{len(exercise.hints)} hints, 0 used" in text
    assert "m̂ₜ" in text and "\\frac" not in text and "$" not in text


def test_show_json_gives_the_raw_statement_and_the_starters_signatures(workspace):
    data = json.loads(ldl("show", "stable_softmax", "--json").output)
    exercise = get_exercise("stable_softmax")
    assert data["statement"] == exercise.statement_path.read_text(encoding="utf-8")
    assert any(line.startswith("def softmax(") for line in data["signatures"])
    assert data["learner_file"].endswith("stable_softmax.py") and data["hints_used"] == 0


def test_init_writes_each_statement_beside_its_file_and_refreshes_only_untouched_copies(workspace):
    softmax = workspace / "exercises" / "2-math" / "stable_softmax.md"
    adam = workspace / "exercises" / "3-deep-dive" / "adam.md"
    assert get_exercise("stable_softmax").statement_path.read_text(encoding="utf-8") in softmax.read_text()
    first, _, body = softmax.read_text().partition("\n")
    body = body.replace("softmax", "SOFTMAX")  # an older ldl's text, untouched by the learner
    digest = starters._digest(body)
    softmax.write_text(re.sub(r"sha256 \w+", f"sha256 {digest}", first) + "\n" + body)
    adam.write_text(adam.read_text() + "\nMy own notes.\n")  # the learner wrote in it
    result = ldl("init", str(workspace))
    assert result.exit_code == 0, result.output
    assert re.search(r"Refreshed the statement beside \d+ exercise file", result.output)
    assert softmax.read_text() == starters.statement_file(get_exercise("stable_softmax")).text
    assert adam.read_text().endswith("My own notes.\n")


def test_check_creates_a_missing_file_with_its_statement(workspace):
    py = workspace / "exercises" / "2-math" / "stable_softmax.py"
    md = py.with_suffix(".md")
    py.unlink()
    md.unlink()
    assert ldl("check", "stable_softmax").exit_code == 1  # the starter fails
    assert py.is_file() and md.is_file()


def test_checking_an_unchanged_file_again_shows_the_verdict_but_is_not_a_new_attempt(workspace):
    first = ldl("check", "stable_softmax")
    again = ldl("check", "stable_softmax", "--json")
    assert first.exit_code == again.exit_code == 1
    assert "not counted again" not in first.output
    report = json.loads(again.output)
    assert report["unchanged"] is True and report["recorded"] is False
    plain = ldl("check", "stable_softmax")
    assert "unchanged since your last check: not counted again" in " ".join(plain.output.split())
    py = workspace / "exercises" / "2-math" / "stable_softmax.py"
    py.write_text(py.read_text() + "\n# thinking...\n")
    edited = json.loads(ldl("check", "stable_softmax", "--json").output)
    assert edited["recorded"] is True and edited["unchanged"] is False
    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:
        assert len(store.attempts("stable_softmax")) == 2
