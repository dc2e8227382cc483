"""materialise_lab: jupytext source -> the learner's notebook, which is never overwritten."""

from __future__ import annotations

import nbformat
from labkit import write_lab

from ldl.curriculum.items import get_lab
from ldl.notebooks.materialise import materialise_lab
from ldl.workspace import Workspace, create_workspace


def test_the_notebook_lands_in_the_stage_folder_with_the_lab_cells(content_root, tmp_path):
    write_lab(content_root, "2-math", "math.calculus", "slopes", "x = 1\ny = 2", "print(x + y)")
    workspace = Workspace(create_workspace(tmp_path / "ws", []).root)
    path = materialise_lab(get_lab("slopes"), workspace)
    assert path == workspace.labs_dir / "2-math" / "slopes.ipynb"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert [cell.cell_type for cell in notebook.cells] == ["markdown", "code", "code"]
    assert notebook.cells[1].source == "x = 1\ny = 2"
    assert notebook.metadata["ldl"]["id"] == "slopes" and "jupytext" not in notebook.metadata
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert not list(path.parent.glob(".*tmp"))  # no temporary file left behind


def test_a_learners_notebook_is_never_overwritten_unless_asked(content_root, tmp_path):
    write_lab(content_root, "2-math", "math.calculus", "slopes", "x = 1")
    workspace = Workspace(tmp_path / "ws")
    lab = get_lab("slopes")
    path = materialise_lab(lab, workspace)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[1].source = "x = 42  # my own work"
    nbformat.write(notebook, str(path))
    edited = path.read_bytes()
    assert materialise_lab(lab, workspace) == path
    assert path.read_bytes() == edited
    materialise_lab(lab, workspace, overwrite=True)
    assert nbformat.read(path, as_version=4).cells[1].source == "x = 1"
