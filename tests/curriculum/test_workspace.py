"""The workspace: found from the current folder upwards or LDL_HOME; created without ever
overwriting a learner's file; restored only with a backup."""

from __future__ import annotations

import os

import pytest

from ldl.errors import LdlError
from ldl.workspace import (
    MARKER,
    SCHEMA_VERSION,
    StarterFile,
    Workspace,
    backup_file,
    create_workspace,
    find_workspace,
    require_workspace,
    restore_file,
    write_new,
)

STARTERS = [StarterFile("exercises/1-alpha/a.py", "def a():\n    raise NotImplementedError\n"),
            StarterFile("capstones/capstone-1/README.md", "# Rules\n")]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_ldl_home(monkeypatch):
    monkeypatch.delenv("LDL_HOME", raising=False)


def test_create_makes_the_layout_and_a_versioned_marker(tmp_path):
    result = create_workspace(tmp_path / "ws", STARTERS)
    workspace = Workspace(tmp_path / "ws")
    assert result.created and workspace.schema_version == SCHEMA_VERSION
    assert set(result.added) == {MARKER, *(s.relative for s in STARTERS)}
    for folder in (workspace.labs_dir, workspace.runs_dir, workspace.capstones_dir, workspace.backups_dir):
        assert folder.is_dir()
    assert (workspace.root / "exercises/1-alpha/a.py").read_text() == STARTERS[0].text
    assert not list(workspace.root.rglob("*.tmp")), "no temporary files are left behind"


def test_create_again_keeps_the_learners_files_and_adds_only_what_is_missing(tmp_path):
    create_workspace(tmp_path, STARTERS)
    mine = tmp_path / "exercises/1-alpha/a.py"
    mine.write_text("def a():\n    return 'my work'\n")
    (tmp_path / "capstones/capstone-1/README.md").unlink()
    newer = [*STARTERS, StarterFile("exercises/2-beta/b.py", "def b(): ...\n")]
    result = create_workspace(tmp_path, newer)
    assert not result.created
    assert sorted(result.added) == ["capstones/capstone-1/README.md", "exercises/2-beta/b.py"]
    assert "exercises/1-alpha/a.py" in result.kept and MARKER in result.kept
    assert mine.read_text() == "def a():\n    return 'my work'\n"


def test_create_refuses_a_file_as_the_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(LdlError, match="is a file"):
        create_workspace(tmp_path / "file", [])


def test_write_new_never_replaces_an_existing_file(tmp_path):
    target = tmp_path / "deep" / "file.txt"
    assert write_new(target, "first")
    assert not write_new(target, "second")
    assert target.read_text() == "first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]


def test_restore_keeps_a_backup_of_each_version(tmp_path):
    create_workspace(tmp_path, STARTERS)
    workspace = Workspace(tmp_path)
    relative = "exercises/1-alpha/a.py"
    (tmp_path / relative).write_text("version 1")
    first = restore_file(workspace, relative, "starter")
    (tmp_path / relative).write_text("version 2")
    second = restore_file(workspace, relative, "starter")
    assert (tmp_path / relative).read_text() == "starter"
    assert first != second, "two resets in the same second keep two backups"
    assert (first.read_text(), second.read_text()) == ("version 1", "version 2")
    assert first.is_relative_to(workspace.backups_dir) and first.as_posix().endswith(relative)
    assert backup_file(workspace, "exercises/none.py") is None


def test_the_workspace_is_found_from_any_folder_inside_it(tmp_path):
    create_workspace(tmp_path / "ws", [])
    inner = tmp_path / "ws" / "exercises" / "deeper"
    inner.mkdir(parents=True)
    assert find_workspace(inner) == Workspace((tmp_path / "ws").resolve())
    assert find_workspace(tmp_path) is None


def test_ldl_home_wins_over_the_current_folder(tmp_path, monkeypatch):
    create_workspace(tmp_path / "here", [])
    create_workspace(tmp_path / "home", [])
    monkeypatch.setenv("LDL_HOME", str(tmp_path / "home"))
    assert find_workspace(tmp_path / "here") == Workspace((tmp_path / "home").resolve())
    monkeypatch.setenv("LDL_HOME", str(tmp_path / "nowhere"))
    assert find_workspace(tmp_path / "here") is None
    with pytest.raises(LdlError, match="LDL_HOME=.*nowhere is not a workspace") as caught:
        require_workspace(tmp_path / "here")
    assert "ldl init" in caught.value.hint


def test_outside_a_workspace_the_error_says_how_to_create_one(tmp_path):
    with pytest.raises(LdlError, match="not inside an ldl workspace") as caught:
        require_workspace(tmp_path)
    assert "ldl init" in caught.value.hint


def test_a_workspace_from_a_newer_ldl_is_refused_and_a_damaged_marker_is_named(tmp_path):
    create_workspace(tmp_path, [])
    marker = tmp_path / MARKER
    marker.write_text(f"schema_version = {SCHEMA_VERSION + 1}\n")
    with pytest.raises(LdlError, match="newer ldl"):
        require_workspace(tmp_path)
    marker.write_text("schema_version = [oops\n")
    with pytest.raises(LdlError, match=f"{MARKER} is damaged"):
        require_workspace(tmp_path)
    assert os.path.exists(marker), "a damaged marker is reported, never replaced"
