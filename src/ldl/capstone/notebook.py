"""Reading a capstone notebook: which file, its sections, and whether prose carries the code.

A project keeps `<name>.ipynb` paired with `<name>.py` (jupytext percent format: the .py diffs well
in git, the .ipynb keeps outputs). Whichever of the two was saved last is the one checked, so an
edit in either counts (Jupyter with jupytext keeps them in step anyway).

The prose rules, in numbers a learner can act on:
- every non-empty code cell is directly preceded by a Markdown cell with at least
  `MIN_WORDS_BEFORE_CODE` words of prose of its own (headings and the template's prompts do not
  count): say why the code is there before showing it;
- each required section (a `## Title` heading) holds at least `MIN_WORDS_PER_SECTION` words;
- the References section links at least one source (a Markdown link or a bare URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldl.errors import LdlError

MIN_WORDS_BEFORE_CODE = 8
MIN_WORDS_PER_SECTION = 25
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LINK = re.compile(r"\]\((https?://[^)\s]+)\)|<?(https?://[^\s>)]+)")


def notebook_paths(project: Path, name: str) -> tuple[Path, Path]:
    return project / f"{name}.ipynb", project / f"{name}.py"


def load_notebook(project: Path, name: str) -> tuple[Any, Path]:
    """(the nbformat notebook, the file it was read from): the newer of the pair."""
    import jupytext
    import nbformat

    ipynb, script = notebook_paths(project, name)
    candidates = [p for p in (ipynb, script) if p.is_file()]
    if not candidates:
        raise LdlError(
            f"The project {project} has no notebook ({ipynb.name} or {script.name}).",
            hint=f"Name the notebook after the project ({ipynb.name}), "
            "or start again with `ldl capstone new`.",
        )
    newest = max(candidates, key=lambda p: p.stat().st_mtime)
    try:
        nb = jupytext.read(newest) if newest.suffix == ".py" else nbformat.read(newest, as_version=4)
    except Exception as error:  # jupytext and nbformat raise many kinds; all mean "unreadable"
        raise LdlError(
            f"{newest} cannot be read as a notebook ({type(error).__name__}: {error}).",
            hint="Open it in Jupyter to repair it, or restore it from git.",
        ) from None
    return nb, newest


def words(text: str) -> int:
    return len(WORD.findall(text))


def own_prose(markdown: str, prompts: list[str]) -> str:
    """The Markdown's text without headings and without the template's prompts."""
    text = "\n".join(line for line in markdown.splitlines() if not line.lstrip().startswith("#"))
    text = " ".join(text.split())  # a prompt wrapped over several lines still matches
    for prompt in prompts:
        text = text.replace(" ".join(prompt.split()), "")
    return text


def code_cells(nb: Any) -> list[str]:
    """The source of every non-empty code cell, in order."""
    return [cell.source for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]


def code_without_prose(nb: Any, prompts: list[str]) -> list[int]:
    """Code cells (numbered from 1 among non-empty code cells) not preceded by enough prose."""
    bad, number, previous = [], 0, None
    for cell in nb.cells:
        if not cell.source.strip():
            continue
        if cell.cell_type == "code":
            number += 1
            prose = own_prose(previous.source, prompts) if previous is not None else ""
            if previous is None or previous.cell_type != "markdown" or words(prose) < MIN_WORDS_BEFORE_CODE:
                bad.append(number)
        previous = cell
    return bad


@dataclass
class SectionView:
    title: str
    present: bool = False
    words: int = 0  # of the learner's own prose under the heading
    code_cells: int = 0
    links: list[str] = field(default_factory=list)


def sections(nb: Any, titles: list[str], prompts: list[str]) -> dict[str, SectionView]:
    """Each required section: found (a heading of any level with that title, case-insensitive),
    how many words of prose it holds, its code cells and links."""
    views = {title: SectionView(title) for title in titles}
    keys = {_normal(title): title for title in titles}
    current: SectionView | None = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            pending: list[str] = []  # the lines under the current heading, in this cell
            for line in [*cell.source.splitlines(), None]:  # None: the end of the cell
                heading = re.match(r"\s*#{1,6}\s+(.*)", line) if line is not None else None
                if line is not None and not heading:
                    pending.append(line)
                    continue
                if current is not None and pending:
                    prose = own_prose("\n".join(pending), prompts)
                    current.words += words(prose)
                    current.links += [a or b for a, b in LINK.findall(prose)]
                pending = []
                if heading is None:
                    break
                title = keys.get(_normal(heading.group(1)))
                if title:
                    current = views[title]
                    current.present = True
                elif not line.lstrip().startswith("###"):
                    current = None  # another top-level heading ends the section
        elif current is not None and cell.cell_type == "code" and cell.source.strip():
            current.code_cells += 1
    return views


def _normal(title: str) -> str:
    """A heading compared loosely: case, numbering, punctuation and emphasis do not matter."""
    title = re.sub(r"^[\d.\s]+", "", title.strip().lower())
    return " ".join(WORD.findall(title))
