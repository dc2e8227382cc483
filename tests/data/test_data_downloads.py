"""Downloads never leave a bad file behind: tested against a loopback server that misbehaves."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from data_testkit import Route, archive_dataset, one_file_dataset, sha256, wait_for

from ldl.data import download, store
from ldl.data.locations import sha256_of
from ldl.errors import LdlError

BODY = os.urandom(300_000)
WORKER = Path(__file__).with_name("fetch_worker.py")


def final_path(cache: Path, dataset) -> Path:
    return cache / dataset.name / dataset.files[0].name


def files_under(folder: Path) -> list[Path]:
    """Every file left in the cache except lock files (which are empty and harmless)."""
    return [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".lock"] if folder.exists() else []


def test_a_good_download_lands_verified_at_its_final_path(server, data_env):
    server.routes["/blob"] = Route(BODY)
    dataset = one_file_dataset(server.url("/blob"), BODY)
    path = store.fetch(dataset)["blob.bin"]
    assert path == final_path(data_env, dataset)
    assert path.read_bytes() == BODY
    assert files_under(data_env) == [path]  # no staging leftovers
    store.fetch(dataset)
    assert server.requests["/blob"] == 1  # the second fetch is served from the cache


@pytest.mark.parametrize("mode", ["truncate", "truncate-no-length", "flip"])
def test_a_bad_download_is_rejected_every_time_and_leaves_nothing(server, data_env, mode):
    server.routes["/blob"] = Route(BODY, mode=mode)
    dataset = one_file_dataset(server.url("/blob"), BODY, attempts=2)
    for _ in range(50):
        with pytest.raises(LdlError) as raised:
            store.fetch(dataset)
        assert "Could not download blob.bin" in raised.value.message
        assert "ldl data fetch" in raised.value.hint and "LDL_DATA_MIRROR" in raised.value.hint
        assert not final_path(data_env, dataset).exists()
        assert files_under(data_env) == []
    assert server.requests["/blob"] == 100  # 50 fetches x 2 attempts: all 100 downloads rejected


def test_a_flipped_byte_is_named_as_a_checksum_mismatch(server):
    server.routes["/blob"] = Route(BODY, mode="flip")
    dataset = one_file_dataset(server.url("/blob"), BODY, attempts=1)
    with pytest.raises(LdlError, match="do not match the registry's checksum"):
        store.fetch(dataset)


def test_a_hanging_server_fails_within_the_registry_timeout(server, data_env):
    server.routes["/blob"] = Route(BODY, mode="hang")
    dataset = one_file_dataset(server.url("/blob"), BODY, timeout_s=0.5, attempts=2)
    budget = download.worst_case_seconds(dataset.timeout_s, dataset.attempts)
    started = time.monotonic()
    with pytest.raises(LdlError, match="timed out"):
        store.fetch(dataset)
    elapsed = time.monotonic() - started
    assert elapsed < budget + 1.0, f"took {elapsed:.1f}s, budget {budget:.1f}s"
    assert files_under(data_env) == []


def run_worker(server, path: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), server.url(path), sha256(BODY), str(len(BODY))],
        env=env,
        cwd=WORKER.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_download_leaves_nothing_final_and_gc_cleans_up(server, data_env):
    server.routes["/blob"] = Route(BODY, mode="slow", chunk_delay_s=0.2)  # ~4 s in all
    dataset = one_file_dataset(server.url("/blob"), BODY)
    worker = run_worker(server, "/blob", dict(os.environ))
    try:
        assert wait_for(lambda: any(p.stat().st_size > 0 for p in files_under(data_env))), "no partial file"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert not final_path(data_env, dataset).exists()
    assert files_under(data_env), "the killed download should have left a partial file"
    removed = store.gc([dataset])
    reasons = ["abandoned partial download", "stale lock file (no process holds it)"]
    assert [r.reason for r in removed] == reasons and removed[0].bytes > 0
    assert files_under(data_env) == []


def test_gc_leaves_a_download_in_progress_alone(server, data_env):
    server.routes["/blob"] = Route(BODY, mode="slow", chunk_delay_s=0.05)
    dataset = one_file_dataset(server.url("/blob"), BODY)
    worker = run_worker(server, "/blob", dict(os.environ))
    assert wait_for(lambda: any(p.stat().st_size > 0 for p in files_under(data_env)))
    assert store.gc([dataset]) == []
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    assert out.split()[1] == sha256(BODY)


def test_eight_processes_download_once_and_all_get_a_verified_file(server, data_env):
    server.routes["/blob"] = Route(BODY, mode="slow", chunk_delay_s=0.1)  # ~2 s: the workers overlap
    workers = [run_worker(server, "/blob", dict(os.environ)) for _ in range(8)]
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        path, digest = out.split()
        assert digest == sha256(BODY) and Path(path).read_bytes() == BODY
    assert server.requests["/blob"] == 1


@pytest.fixture
def no_sockets(monkeypatch) -> list:
    """Make every attempt to create a socket fail loudly, and record it."""
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("ldl opened a socket while offline")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_offline_with_a_valid_cache_makes_no_network_call(server, monkeypatch, request):
    server.routes["/blob"] = Route(BODY)
    dataset = one_file_dataset(server.url("/blob"), BODY)
    store.fetch(dataset)
    monkeypatch.setenv("LDL_OFFLINE", "1")
    attempts = request.getfixturevalue("no_sockets")  # from here on, sockets are refused
    assert store.fetch(dataset)["blob.bin"].read_bytes() == BODY
    assert attempts == [] and server.requests["/blob"] == 1


def test_offline_without_a_cache_fails_fast_naming_fetch_and_the_mirror(monkeypatch, no_sockets):
    monkeypatch.setenv("LDL_OFFLINE", "1")
    dataset = one_file_dataset("http://127.0.0.1:9/never", BODY)
    started = time.monotonic()
    with pytest.raises(LdlError) as raised:
        store.fetch(dataset)
    assert time.monotonic() - started < 1.0
    text = str(raised.value)
    assert "ldl data fetch testset" in text and "LDL_DATA_MIRROR" in text
    assert no_sockets == []


def test_a_mirror_copy_is_used_in_place_and_a_corrupt_one_is_skipped(tmp_path, monkeypatch, no_sockets):
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder, body in ((good, BODY), (bad, BODY[:-1] + b"!")):
        (folder / "testset").mkdir(parents=True)
        (folder / "testset" / "blob.bin").write_bytes(body)
    monkeypatch.setenv("LDL_DATA_MIRROR", os.pathsep.join([str(bad), str(good)]))
    dataset = one_file_dataset("http://127.0.0.1:9/never", BODY)
    assert store.fetch(dataset)["blob.bin"] == good / "testset" / "blob.bin"
    monkeypatch.setenv("LDL_DATA_MIRROR", str(bad))
    monkeypatch.setenv("LDL_OFFLINE", "1")
    with pytest.raises(LdlError, match="not on this machine"):
        store.fetch(dataset)
    assert no_sockets == []


def zip_bytes(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def test_archive_members_are_unpacked_checked_and_kept(server, data_env):
    members = {"bundle/a.txt": b"alpha\n" * 100, "bundle/b.txt": b"beta\n" * 100}
    server.routes["/bundle.zip"] = Route(zip_bytes(members))
    dataset = archive_dataset(server.url("/bundle.zip"), members)
    paths = store.fetch(dataset)
    assert {name: path.read_bytes() for name, path in paths.items()} == {
        "a.txt": members["bundle/a.txt"],
        "b.txt": members["bundle/b.txt"],
    }
    assert sorted(p.name for p in files_under(data_env)) == ["a.txt", "b.txt"]  # the zip is gone
    assert server.requests["/bundle.zip"] == 1


def test_an_archive_with_a_wrong_member_leaves_nothing(server, data_env):
    members = {"bundle/a.txt": b"alpha\n" * 100}
    server.routes["/bundle.zip"] = Route(zip_bytes({"bundle/a.txt": b"tampered\n"}))
    dataset = archive_dataset(server.url("/bundle.zip"), members)
    with pytest.raises(LdlError, match="does not hold a good copy"):
        store.fetch(dataset)
    assert files_under(data_env) == []


def test_gc_removes_unknown_and_corrupt_files_but_keeps_good_ones(server, data_env):
    server.routes["/blob"] = Route(BODY)
    dataset = one_file_dataset(server.url("/blob"), BODY)
    good = store.fetch(dataset)["blob.bin"]
    stray = good.parent / "tmpabc123"
    stray.write_bytes(b"junk")
    lock = good.with_name("blob.bin.lock")  # the finished download's lock: nobody holds it now
    assert lock.exists()
    stale = "stale lock file (no process holds it)"
    assert {r.path: r.reason for r in store.gc([dataset])} == {
        stray: "not a file of this dataset",
        lock: stale,
    }
    good.write_bytes(BODY[:-1] + b"?")
    assert [r.reason for r in store.gc([dataset])] == ["checksum mismatch"]
    assert not good.exists()
    assert sha256_of(store.fetch(dataset)["blob.bin"]) == sha256(BODY)


def test_the_uci_zip_layout_is_unpacked_into_verified_sentences(server, monkeypatch, shared_mirror):
    """The real sentiment entry, its archive served from a zip laid out like UCI's."""
    from dataclasses import replace

    from ldl.data import load_sentiment, registry

    folder = shared_mirror / "sentiment-labelled-sentences"
    members = {f"sentiment labelled sentences/{p.name}": p.read_bytes() for p in folder.glob("*.txt")}
    members["__MACOSX/sentiment labelled sentences/._imdb_labelled.txt"] = b"resource fork"
    server.routes["/uci.zip"] = Route(zip_bytes(members))
    sentiment = registry.get("sentiment")
    archive = replace(sentiment.archive, url=server.url("/uci.zip"))
    monkeypatch.setitem(registry.REGISTRY, "sentiment", replace(sentiment, archive=archive))
    data = load_sentiment()
    assert len(data.sentences) == 2000 and server.requests["/uci.zip"] == 1
