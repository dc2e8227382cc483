"""What grading returns: a verdict, one line per case, and feedback text a learner can act on.

Verdicts:
    pass           every case matches the reference solution
    fail           the code ran, and some value differs from the reference
    error          the learner's code raised (or ended its process) instead of returning a value
    timeout        it ran past the exercise's wall-clock budget
    memory_limit   it used more memory than the exercise allows
    output_limit   it printed more than the grader keeps
    grader_error   ldl's fault (a missing check file, a failing reference solution, bad limits,
                   a full disk...): never counted as an attempt
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

FEEDBACK_LIMIT_BYTES = 64 * 1024
TRUNCATION_NOTICE = "\n[... feedback truncated: ldl keeps at most 64 KB ...]\n"


class GraderFault(Exception):
    """Something on ldl's side is broken (a missing file, a failing reference): not the learner's fault."""


class Verdict(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    GRADER_ERROR = "grader_error"

    @property
    def counts_as_attempt(self) -> bool:
        """Only the learner's own results are recorded; ldl's faults are not held against them."""
        return self is not Verdict.GRADER_ERROR


@dataclass
class CaseResult:
    """One case: its name, whether it passed, and a one-line reason when it did not."""

    name: str
    passed: bool
    reason: str | None = None


@dataclass
class GradeResult:
    """Everything one grading produced. `feedback` is the whole story as text, <= 64 KB."""

    exercise_id: str
    verdict: Verdict
    summary: str
    cases: list[CaseResult] = field(default_factory=list)
    failing_case: str | None = None
    failing_input: str | None = None  # shown for the first failing case only
    details: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    output: str = ""  # what the learner's code printed, capped
    duration_s: float = 0.0
    feedback: str = ""
    sandbox: str = ""  # what held the learner's code: "bubblewrap" or "audit-hook fence"

    @property
    def passed(self) -> bool:
        return self.verdict is Verdict.PASS


def render_feedback(result: GradeResult) -> str:
    """The plain-text feedback: summary, cases, the failing case in detail, hints, output."""
    lines = [f"{result.exercise_id}: {result.verdict.value.upper()}: {result.summary}"]
    if result.cases:
        passed = sum(case.passed for case in result.cases)
        lines.append(f"{passed} of {len(result.cases)} checks passed:")
        lines += [f"  {'ok  ' if case.passed else 'FAIL'} {case.name}" for case in result.cases]
    if result.failing_case:
        lines.append(f"\nCheck {result.failing_case!r}")
    if result.failing_input:
        lines.append("  input (the arguments, in order):")
        lines += [f"    {line}" for line in result.failing_input.splitlines()]
    lines += [f"  {line}" for line in result.details]
    lines += [f"\nHint: {hint}" for hint in result.hints]
    if result.output:
        lines += ["\nYour code printed:", result.output]
    return cap_text("\n".join(lines) + "\n")


def cap_text(text: str, limit: int = FEEDBACK_LIMIT_BYTES) -> str:
    """`text` as valid UTF-8 of at most `limit` bytes, the notice included, cut at a character."""
    data = text.encode("utf-8", errors="replace")
    if len(data) <= limit:
        return data.decode("utf-8")
    room = limit - len(TRUNCATION_NOTICE.encode())
    return data[:room].decode("utf-8", errors="ignore") + TRUNCATION_NOTICE
