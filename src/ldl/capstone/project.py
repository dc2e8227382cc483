"""A capstone project on disk, and `ldl capstone new`.

    capstones/<name>/
      capstone.yaml        name, stage (1 or 2), title, created, summary
      <name>.ipynb         the notebook, paired with <name>.py (jupytext percent format)
      <name>.py
      README.md            what the project is and how to rerun it
      data/  figures/      the data you may keep here, the figures the notebook saves
      train_ddp.py         Capstone I: a training script for one process or `torchrun` (DDP)
      agent.py             Capstone II: the agent skeleton the notebook imports
      .ldl/check.json      the last `ldl capstone check` report

The template files live in the stage's `template/` folder; `__PROJECT_NAME__` and
`__PROJECT_TITLE__` in them are filled in. Creating a project never overwrites a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from ldl.capstone.rules import StageRules, parse_stage, stage_rules
from ldl.errors import LdlError
from ldl.workspace import CAPSTONE_MANIFEST, Workspace, capstone_dir, write_new

NAME = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Manifest:
    name: str
    stage: int  # 1 or 2
    title: str
    created: str  # ISO 8601, UTC
    summary: str = ""


@dataclass
class NewProject:
    name: str
    stage: int
    folder: Path
    notebook: Path
    files: list[str] = field(default_factory=list)  # written, relative to the project folder
    next_steps: list[str] = field(default_factory=list)


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise LdlError(
            f"`{name}` cannot name a project.",
            hint="Use 2 to 41 lower-case letters, digits and underscores, starting with a letter "
            "(it becomes the notebook's and the folder's name, and a Python module name), e.g. digits_cnn.",
        )
    return name


def read_manifest(project: Path) -> Manifest:
    path = project / CAPSTONE_MANIFEST
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Manifest(
            name=str(data["name"]),
            stage=parse_stage(data["stage"]),
            title=str(data.get("title", data["name"])),
            created=str(data.get("created", "")),
            summary=str(data.get("summary", "") or ""),
        )
    except FileNotFoundError:
        raise LdlError(
            f"{project} is not a capstone project (it has no {CAPSTONE_MANIFEST}).",
            hint="Start one with `ldl capstone new 1 NAME` (or 2), or name a folder that has one.",
        ) from None
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise LdlError(
            f"{path} is damaged ({type(error).__name__}: {error}).",
            hint="It needs at least `name:` and `stage: 1` (or 2); see docs/capstone.md.",
        ) from None


def find_project(workspace: Workspace | None, name_or_path: str) -> Path:
    """A project folder from its name (in the workspace's capstones/) or a path to it."""
    candidates = [Path(name_or_path)]
    if workspace is not None:
        candidates.insert(0, capstone_dir(workspace, name_or_path))
    for candidate in candidates:
        if (candidate / CAPSTONE_MANIFEST).is_file():
            return candidate.resolve()
    where = f"in {workspace.capstones_dir}" if workspace else "(you are not in a workspace)"
    raise LdlError(
        f"There is no capstone project `{name_or_path}` {where}.",
        hint="`ldl capstone list` shows yours; `ldl capstone new 1 NAME` starts one.",
    )


def new_project(workspace: Workspace, stage: int | str, name: str, title: str | None = None) -> NewProject:
    """Create capstones/<name>/ from the stage's template; an LdlError if it already exists."""
    rules = stage_rules(parse_stage(stage))
    check_name(name)
    folder = capstone_dir(workspace, name)
    if folder.exists():
        raise LdlError(
            f"{folder} exists already; nothing was changed.",
            hint=f"Choose another name, or check it with `ldl capstone check {name}`.",
        )
    title = title or name.replace("_", " ").capitalize()
    created = datetime.now(UTC).isoformat(timespec="seconds")
    result = NewProject(name=name, stage=rules.number, folder=folder, notebook=folder / f"{name}.ipynb")
    manifest = {"name": name, "stage": rules.number, "title": title, "created": created, "summary": ""}
    files = {CAPSTONE_MANIFEST: yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)}
    files.update(template_files(rules, name, title))
    for relative, text in files.items():
        write_new(folder / relative, text)
        result.files.append(relative)
    for empty in ("data", "figures"):
        (folder / empty).mkdir(exist_ok=True)
        write_new(folder / empty / ".gitkeep", "")
    result.next_steps = [
        f"Open {name}.ipynb in JupyterLab (jupytext keeps {name}.py in step) and answer each section.",
        f"`ldl capstone check {name}` marks it against the rubric "
        "(it runs the notebook twice with LDL_FAST=1).",
    ]
    return result


def template_files(rules: StageRules, name: str, title: str) -> dict[str, str]:
    """{relative path: text} of the project's files, the notebook as .py and as .ipynb."""
    import jupytext

    folder = rules.folder / "template"
    files: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            text = (
                path.read_text(encoding="utf-8")
                .replace("__PROJECT_NAME__", name)
                .replace("__PROJECT_TITLE__", title)
            )
            target = f"{name}.py" if path.name == "notebook.py" else path.name
            files[target] = text
    notebook = jupytext.reads(files[f"{name}.py"], fmt="py:percent")
    files[f"{name}.ipynb"] = jupytext.writes(notebook, fmt="ipynb")
    return files
