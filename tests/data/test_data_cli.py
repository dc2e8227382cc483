"""`ldl data ...` through the CLI runner: every command, in table and --json form."""

from __future__ import annotations

import json

import pytest
from data_testkit import Route, one_file_dataset
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.data import registry

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["data", *args])


def error_text(result) -> str:
    """What the user sees of an error (printed, or the LdlError when the runner catches it)."""
    return result.output + (str(result.exception) if result.exception else "")


@pytest.fixture
def with_mirror(monkeypatch, shared_mirror):
    monkeypatch.setenv("LDL_DATA_MIRROR", str(shared_mirror))


def test_list_json_names_every_dataset_with_its_status(with_mirror):
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert set(rows) == set(registry.REGISTRY)
    assert rows["tiny-shakespeare"]["status"] == "ready" and rows["mnist"]["status"] == "missing"
    assert rows["tiny-shakespeare"]["checksums"] == "verified"
    assert rows["movielens-100k"]["checksums"] == "md5 only" and rows["mnist"]["checksums"] == "published"
    assert run("list").exit_code == 0


def test_info_shows_checksums_and_provenance(with_mirror):
    info = json.loads(run("info", "movielens-100k", "--json").output)
    assert info["files"][0]["sha256"] is None and info["files"][0]["md5"]
    assert info["files"][0]["verified"] is False and info["licence"].startswith("GroupLens")
    table = run("info", "sentiment")
    imdb_sha256 = registry.get("sentiment").files[0].sha256
    assert table.exit_code == 0 and imdb_sha256 in table.output


def test_verify_and_path_report_the_mirror_copy(with_mirror, shared_mirror):
    statuses = json.loads(run("verify", "tiny-shakespeare", "--json").output)
    assert [s["status"] for s in statuses] == ["ok"]
    paths = json.loads(run("path", "tiny-shakespeare", "--json").output)
    assert paths == {"input.txt": str(shared_mirror / "tinyshakespeare" / "input.txt")}


def test_path_of_a_missing_dataset_says_to_fetch_it():
    result = run("path", "cifar10")
    assert result.exit_code != 0 and "ldl data fetch cifar10" in error_text(result)


def test_fetch_downloads_and_gc_cleans(server, monkeypatch, data_env):
    body = b"x" * 5000
    server.routes["/blob"] = Route(body)
    dataset = one_file_dataset(server.url("/blob"), body)
    monkeypatch.setitem(registry.REGISTRY, dataset.name, dataset)
    fetched = run("fetch", "testset", "--json")
    assert fetched.exit_code == 0, error_text(fetched)
    path = json.loads(fetched.stdout)["testset"]["blob.bin"]
    assert open(path, "rb").read() == body
    (data_env / "testset" / ".partial" / "blob.bin").mkdir(parents=True)
    (data_env / "testset" / ".partial" / "blob.bin" / "tmpq1w2e3").write_bytes(b"partial")
    removed = json.loads(run("gc", "--json").output)
    reasons = ["abandoned partial download", "stale lock file (no process holds it)"]
    assert [r["reason"] for r in removed] == reasons and removed[0]["bytes"] == 7
    assert "0 leftover(s) removed" in run("gc").output


def test_offline_fetch_fails_with_a_helpful_message(monkeypatch):
    monkeypatch.setenv("LDL_OFFLINE", "1")
    result = run("fetch", "mnist")
    assert result.exit_code != 0
    assert "ldl data fetch mnist" in error_text(result) and "LDL_DATA_MIRROR" in error_text(result)


def test_verify_exits_1_on_a_corrupt_cached_file(data_env):
    folder = data_env / "tiny-shakespeare"
    folder.mkdir(parents=True)
    (folder / "input.txt").write_text("not shakespeare")
    result = run("verify", "tiny-shakespeare", "--json")
    assert result.exit_code == 1 and json.loads(result.output)[0]["status"] == "corrupt"
