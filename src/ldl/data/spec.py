"""The shapes of registry entries: a dataset, its files, and the archive some of them come in.

A `DataFile` says where a good copy of one file can be found (a URL, a member of an archive, a file
inside an installed package, a relative path in a local mirror) and how to recognise it: a
SHA-256 checksum (see `ldl.data.registry` for what `verified` means).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT_S = 30.0
"""Seconds one network request may wait for the server (to connect, or between two chunks)."""
DEFAULT_ATTEMPTS = 3
"""How many times a download is tried before giving up with an error."""


@dataclass(frozen=True)
class DataFile:
    """One file of a dataset, and every way ldl knows to get a verified copy of it."""

    name: str  # file name in the cache: <cache>/<dataset>/<name>
    size: int | None  # bytes, when known
    sha256: str | None  # of the canonical file
    verified: bool  # True: sha256 computed by us from a real copy (see ldl.data.registry)
    provenance: str  # how the checksum is known, in one sentence
    url: str | None = None  # canonical download URL (None for archive members and package files)
    md5: str | None = None  # the checksum the authors (or torchvision) publish, when they do
    also_accept: tuple[str, ...] = ()  # SHA-256s of known-good repackagings (e.g. Debian's)
    mirror_paths: tuple[str, ...] = ()  # relative paths tried in each mirror directory
    member: str | None = None  # path inside the dataset's archive, for archive members
    package: str | None = None  # an installed package that ships this file ...
    package_path: str | None = None  # ... at this path inside it

    @property
    def accepted_sha256(self) -> tuple[str, ...]:
        """Every SHA-256 that identifies a good copy of this file."""
        return ((self.sha256,) if self.sha256 else ()) + self.also_accept


@dataclass(frozen=True)
class Archive:
    """A download that holds several of a dataset's files (checked member by member)."""

    name: str
    url: str
    sha256: str | None = None
    md5: str | None = None


@dataclass(frozen=True)
class Dataset:
    """A named dataset: its files, its origin, its licence and the loader that reads it."""

    name: str
    title: str
    summary: str  # what a loader returns, with shapes and dtypes
    homepage: str
    licence: str
    citation: str
    loader: str  # "function_name" in ldl.data.loaders
    files: tuple[DataFile, ...]
    archive: Archive | None = None
    system_dirs: tuple[str, ...] = ()  # well-known locations, e.g. a Debian package's folder
    timeout_s: float = DEFAULT_TIMEOUT_S
    attempts: int = DEFAULT_ATTEMPTS
    notes: str = ""

    def file(self, name: str) -> DataFile:
        for data_file in self.files:
            if data_file.name == name:
                return data_file
        raise KeyError(f"{self.name} has no file {name!r}")

    @property
    def size(self) -> int | None:
        sizes = [f.size for f in self.files]
        return None if None in sizes else sum(sizes)


def idx_files(base_url: str, folder: str, checksums: dict[str, tuple], provenance: str) -> tuple:
    """The four idx .gz files of an MNIST-style dataset: name -> (size, sha256, md5, also_accept)."""
    return tuple(
        DataFile(
            name=f"{stem}.gz",
            url=f"{base_url}{stem}.gz",
            size=size,
            sha256=sha256,
            md5=md5,
            verified=False,
            provenance=provenance,
            also_accept=also_accept,
            mirror_paths=(f"{folder}/{stem}.gz", f"{stem}.gz"),
        )
        for stem, (size, sha256, md5, also_accept) in checksums.items()
    )


def package_file(name: str, package: str, package_path: str, size: int, sha256: str) -> DataFile:
    return DataFile(
        name=name,
        package=package,
        package_path=package_path,
        size=size,
        sha256=sha256,
        verified=True,
        provenance=f"computed by us from the file shipped in the installed {package} package",
    )
