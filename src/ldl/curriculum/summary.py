"""`ldl status` in one value: the goal, what is done, hours, and how regularly the learner works.

The streak counts consecutive calendar days with any activity (an attempt, a lab run, a unit
marked, a card reviewed), ending today, or yesterday if the learner has not started today yet:
a streak is not broken until a whole day passes without work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ldl.curriculum.next_step import NextStep, next_step
from ldl.curriculum.path import CourseMap, Curriculum, Progress, course_map


@dataclass(frozen=True)
class StatusSummary:
    goal: str
    goal_title: str
    units_done: int
    units_in_path: int
    units_skipped: int
    exercises_passed: int
    exercises_total: int
    labs_done: int
    labs_total: int
    hours_done: float
    hours_left: float
    progress: float
    streak_days: int
    last_activity: datetime | None
    next: NextStep
    reviews_due: int = 0


def status_summary(
    curriculum: Curriculum, progress: Progress, goal: str, activity: Iterable[datetime], today: date
) -> StatusSummary:
    """Summarise the learner's progress; `activity` holds the times of their recorded events
    (timezone-aware), `today` is the learner's local date."""
    plan: CourseMap = course_map(curriculum, progress, goal)
    moments = sorted(activity)
    known_exercises = {exercise.id for exercise in curriculum.exercises}
    known_labs = {lab.id for lab in curriculum.labs}
    return StatusSummary(
        goal=goal,
        goal_title=plan.goal_title,
        units_done=plan.units_done,
        units_in_path=plan.units_in_path,
        units_skipped=sum(unit.status == "skipped" for stage in plan.stages for unit in stage.units),
        exercises_passed=len(progress.passed_exercises & known_exercises),
        exercises_total=len(known_exercises),
        labs_done=len(progress.completed_labs & known_labs),
        labs_total=len(known_labs),
        hours_done=plan.hours_done,
        hours_left=plan.hours_left,
        progress=plan.progress,
        streak_days=streak((moment.astimezone().date() for moment in moments), today),
        last_activity=moments[-1] if moments else None,
        next=next_step(curriculum, progress, goal),
    )


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive active days ending today (or yesterday, when today has no activity yet)."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count
