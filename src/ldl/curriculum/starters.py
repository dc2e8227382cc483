"""The files a new workspace starts with, made from the content tree.

    README.md                                  what the folders are for
    .gitignore                                 keeps runs and the progress store out of git
    exercises/<stage-dir>/<exercise_id>.py     each exercise's starter.py
    exercises/<stage-dir>/<exercise_id>.md     its statement, to read beside the code (`ldl show`)
    capstones/<stage-key>/README.md            the capstone's rules and project ideas

A capstone project itself is created by `ldl capstone new 1|2 NAME` (`ldl.capstone`), in
capstones/<NAME>/, from the stage's template.

Lab notebooks are not here: they are materialised from their jupytext source by
`ldl.notebooks.materialise`, which the CLI calls.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from ldl.workspace import StarterFile, Workspace, write_new

if TYPE_CHECKING:  # annotations only: `ldl check` writes a statement without loading the content models
    from ldl.curriculum.path import Curriculum
    from ldl.curriculum.raw import ExerciseFiles as Exercise
    from ldl.curriculum.syllabus import Stage

WORKSPACE_README = """\
# My ldl workspace

Everything you write while learning lives here; ldl never overwrites it.

- `labs/` the lab notebooks (`ldl open LAB` creates and opens one)
- `exercises/` your exercise files, one folder per stage (`ldl check EXERCISE` grades one)
- `capstones/` your capstone projects (`ldl capstone new 1 NAME` starts one) and their rules
- `runs/` what training runs write: metrics, figures, checkpoints
- `.ldl/` your progress store and the backups `ldl reset` keeps

Lost? `ldl next` says what to do now; `ldl map` shows the whole path.
"""

GITIGNORE = "runs/\n.ldl/\n.ipynb_checkpoints/\n__pycache__/\n"


def workspace_files(curriculum: Curriculum) -> list[StarterFile]:
    """Every starter file of a fresh workspace (see the module docstring)."""
    files = [StarterFile("README.md", WORKSPACE_README), StarterFile(".gitignore", GITIGNORE)]
    files += [exercise_starter(exercise) for exercise in curriculum.exercises]
    files += [statement_file(exercise) for exercise in curriculum.exercises]
    for stage in curriculum.syllabus.stages:
        if stage.capstone is not None:
            files.append(StarterFile(f"capstones/{stage.key}/README.md", capstone_readme(stage)))
    return files


def exercise_starter(exercise: Exercise) -> StarterFile:
    relative = f"exercises/{exercise.stage_dir}/{exercise.id}.py"
    return StarterFile(relative, exercise.starter_path.read_text(encoding="utf-8"))


# ---- the statement beside the learner's file ---------------------------------------------------
#
# `<id>.md` is ldl's copy of the statement. Its first line records a hash of the text below it, so
# ldl can tell its own untouched copy from one the learner has written in: an untouched copy is
# refreshed when the statement changes in a newer ldl (`sync_statement`), an edited one never.

STATEMENT_MARK = (
    "<!-- ldl's copy of the statement of {id} (sha256 {digest}); edit it and ldl leaves it alone -->"
)


def statement_file(exercise: Exercise) -> StarterFile:
    """The statement file of an exercise: a marker line, then statement.md as it is."""
    body = exercise.statement_path.read_text(encoding="utf-8")
    mark = STATEMENT_MARK.format(id=exercise.id, digest=_digest(body))
    return StarterFile(f"exercises/{exercise.stage_dir}/{exercise.id}.md", f"{mark}\n{body}")


def sync_statement(exercise: Exercise, workspace: Workspace) -> str:
    """Make sure the statement file is there and current; never touch one the learner edited.

    Returns "created", "refreshed", "current" or "kept" (the learner's edited copy)."""
    starter = statement_file(exercise)
    path = workspace.root / starter.relative
    if write_new(path, starter.text):
        return "created"
    current = path.read_text(encoding="utf-8", errors="replace")
    if current == starter.text:
        return "current"
    first, _, body = current.partition("\n")
    if first != STATEMENT_MARK.format(id=exercise.id, digest=_digest(body)):
        return "kept"  # the learner changed it (or wrote their own): it is theirs now
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(starter.text, encoding="utf-8")
    os.replace(temporary, path)
    return "refreshed"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def capstone_readme(stage: Stage) -> str:
    """The capstone's rules and ideas as Markdown, from the stage's `capstone` data."""
    assert stage.capstone is not None
    lines = [f"# {stage.title}", "", stage.summary.strip(), "", "## The rules", ""]
    lines += [f"{number}. {rule}" for number, rule in enumerate(stage.capstone.rules, start=1)]
    lines += ["", "## What the notebook must cover", ""]
    lines += [f"- **{section.title}.** {section.prompt}" for section in stage.capstone.sections]
    lines += ["", "## Project ideas", ""]
    lines += [f"- **{idea.title}.** {idea.summary}" for idea in stage.capstone.ideas]
    number = stage.key.rsplit("-", 1)[-1]
    lines += ["", "## Getting started", ""]
    lines += [
        "- `ldl capstone ideas` lists the ideas with the data each needs (all obtainable offline).",
        f"- `ldl capstone new {number} NAME` creates your project in `capstones/NAME/`: a notebook",
        "  with these sections (paired with a `.py` file), a README, `data/` and `figures/`.",
        "- `ldl capstone check NAME` marks it against the rubric, row by row, with how to fix each row.",
    ]
    units = ", ".join(f"`{unit.id}`" for unit in stage.units)
    lines += ["", f"Mark each part done as you finish it (`ldl done UNIT`, units {units}).", ""]
    return "\n".join(lines)
