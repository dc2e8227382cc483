"""Where dataset files may be found, read from the environment each time (so tests can change it).

- `LDL_DATA_DIR`: the cache, where downloads land (default: the platform's user cache folder
  plus `ldl/data`, e.g. `~/.cache/ldl/data` on Linux). One sub-folder per dataset.
- `LDL_DATA_MIRROR`: one or more folders (separated by `os.pathsep`, ':' on Linux and macOS) that
  hold copies of dataset files, tried before the network. Their files are hash-checked too.
- `LDL_OFFLINE=1`: never use the network; a missing file is an error that says how to get it.
- `LDL_SYSTEM_DATA_DIRS`: where system packages put datasets (default: the registry's folders,
  e.g. `/usr/share/datasets/fashion-mnist`). Set it to folders (separated by `os.pathsep`) to
  look in `<folder>/<that folder's name>` instead, or set it empty to ignore system copies, as a
  fresh machine without the Debian data packages would (CI does this to prove the fallbacks).
"""

from __future__ import annotations

import hashlib
import os
from importlib import util as importlib_util
from pathlib import Path

from ldl.data.spec import DataFile, Dataset

CACHE_ENV = "LDL_DATA_DIR"
MIRROR_ENV = "LDL_DATA_MIRROR"
OFFLINE_ENV = "LDL_OFFLINE"
SYSTEM_DATA_ENV = "LDL_SYSTEM_DATA_DIRS"


def cache_root() -> Path:
    """The folder downloads go to: `$LDL_DATA_DIR`, else the user cache dir + `ldl/data`."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ldl", appauthor=False)) / "data"


def dataset_dir(dataset: Dataset) -> Path:
    return cache_root() / dataset.name


def mirror_dirs() -> list[Path]:
    """The folders listed in `$LDL_DATA_MIRROR`, in order (missing ones are skipped)."""
    entries = os.environ.get(MIRROR_ENV, "").split(os.pathsep)
    return [Path(entry).expanduser() for entry in entries if entry.strip()]


def system_dirs(dataset: Dataset) -> list[Path]:
    """The system folders that may hold the dataset's files (see `LDL_SYSTEM_DATA_DIRS` above)."""
    configured = os.environ.get(SYSTEM_DATA_ENV)
    if configured is None:
        return [Path(folder) for folder in dataset.system_dirs]
    roots = [Path(entry).expanduser() for entry in configured.split(os.pathsep) if entry.strip()]
    return [root / Path(folder).name for root in roots for folder in dataset.system_dirs]


def offline() -> bool:
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_good_copy(data_file: DataFile, path: Path) -> bool:
    """Whether `path` holds a good copy of `data_file`: its SHA-256 (or, failing that, md5) matches."""
    try:
        if data_file.accepted_sha256:
            return sha256_of(path) in data_file.accepted_sha256
        return data_file.md5 is not None and md5_of(path) == data_file.md5
    except OSError:
        return False


def local_candidates(dataset: Dataset, data_file: DataFile) -> list[Path]:
    """Every place a copy may already sit, in the order they are tried (cache first)."""
    candidates = [dataset_dir(dataset) / data_file.name]
    if data_file.package:
        folder = package_dir(data_file.package)
        if folder is not None:
            candidates.append(folder / data_file.package_path)
    for mirror in mirror_dirs():
        candidates += [mirror / relative for relative in data_file.mirror_paths or (data_file.name,)]
    candidates += [folder / data_file.name for folder in system_dirs(dataset)]
    return candidates


def package_dir(package: str) -> Path | None:
    """The folder of an installed package, found without importing it (imports can be slow)."""
    spec = importlib_util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
