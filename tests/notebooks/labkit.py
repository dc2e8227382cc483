"""Temporary content roots holding tiny labs, for tests that must not depend on the real labs.

A content root needs the syllabus, so `make_content_root` copies the real syllabus.yaml and every
stage.yaml (the labs' units must exist) and `write_lab` adds a percent-format lab. `use_content_root`
points ldl's loaders at it for the rest of a test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ldl.paths import CONTENT_ROOT

HEADER = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: {lab_id}
#     title: {title}
#     unit: {unit}
#     order: {order}
#     minutes: 5
#     tour: {tour}
#     fast_timeout: {fast_timeout}
# ---
"""


def make_content_root(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CONTENT_ROOT / "syllabus.yaml", folder / "syllabus.yaml")
    for stage_file in CONTENT_ROOT.glob("stages/*/stage.yaml"):
        target = folder / "stages" / stage_file.parent.name / "stage.yaml"
        target.parent.mkdir(parents=True)
        shutil.copy(stage_file, target)
    return folder


def write_lab(
    root: Path,
    stage_dir: str,
    unit: str,
    lab_id: str,
    *cells: str,
    tour: bool = True,
    fast_timeout: int = 60,
    order: int = 1,
) -> Path:
    """A lab whose code cells are `cells`; each becomes a `# %%` cell after a markdown title."""
    header = HEADER.format(
        lab_id=lab_id,
        title=f"The {lab_id} lab",
        unit=unit,
        order=order,
        tour=str(tour).lower(),
        fast_timeout=fast_timeout,
    )
    body = f"\n# %% [markdown]\n# # The {lab_id} lab\n" + "".join(f"\n# %%\n{cell}\n" for cell in cells)
    path = root / "stages" / stage_dir / "labs" / f"{lab_id}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body, encoding="utf-8")
    return path


def use_content_root(monkeypatch, root: Path) -> None:
    """Make every loader that defaults to ldl's content read `root` instead."""
    import ldl.curriculum.items
    import ldl.curriculum.syllabus

    monkeypatch.setattr(ldl.curriculum.items, "CONTENT_ROOT", root)
    monkeypatch.setattr(ldl.curriculum.syllabus, "CONTENT_ROOT", root)
