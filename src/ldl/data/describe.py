"""Summaries of the registry for people: what `ldl data list` and `ldl data info` show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ldl.data import locations, store
from ldl.data.registry import REGISTRY, get
from ldl.data.spec import DataFile, Dataset


@dataclass(frozen=True)
class DatasetSummary:
    """One row of `ldl data list`.

    status: 'ready', 'missing' or 'corrupt' (the worst of its files).
    checksums: 'verified' (all computed by us from real copies), 'published' (SHA-256s from
    published sources, not checked here) or 'md5 only' (no SHA-256 known for some file).
    """

    name: str
    title: str
    size: int | None
    licence: str
    status: str
    checksums: str


@dataclass(frozen=True)
class FileInfo:
    name: str
    source: str  # URL, archive member, or package file
    size: int | None
    sha256: str | None
    md5: str | None
    verified: bool
    provenance: str
    mirror_paths: list[str]
    status: str
    path: Path | None


@dataclass(frozen=True)
class DatasetInfo:
    """Everything `ldl data info NAME` shows about a dataset."""

    name: str
    title: str
    summary: str
    homepage: str
    licence: str
    citation: str
    loader: str
    cache_dir: Path
    system_dirs: list[str]
    timeout_s: float
    attempts: int
    notes: str
    files: list[FileInfo]


def _worst(statuses: list[str]) -> str:
    for status in ("corrupt", "missing"):
        if status in statuses:
            return status
    return "ready"


def _checksums(dataset: Dataset) -> str:
    if all(f.verified for f in dataset.files):
        return "verified"
    return "md5 only" if any(f.sha256 is None for f in dataset.files) else "published"


def list_datasets() -> list[DatasetSummary]:
    rows = []
    for dataset in REGISTRY.values():
        statuses = [status.status for status in store.file_statuses(dataset)]
        rows.append(
            DatasetSummary(
                name=dataset.name,
                title=dataset.title,
                size=dataset.size,
                licence=dataset.licence,
                status=_worst(statuses),
                checksums=_checksums(dataset),
            )
        )
    return rows


def _source(dataset: Dataset, data_file: DataFile) -> str:
    if data_file.member:
        return f"{dataset.archive.url} :: {data_file.member}"
    if data_file.package:
        return f"python package {data_file.package}: {data_file.package_path}"
    return data_file.url or ""


def dataset_info(name: str) -> DatasetInfo:
    dataset = get(name)
    statuses = {status.name: status for status in store.file_statuses(dataset)}
    files = [
        FileInfo(
            name=f.name,
            source=_source(dataset, f),
            size=f.size,
            sha256=f.sha256,
            md5=f.md5,
            verified=f.verified,
            provenance=f.provenance,
            mirror_paths=list(f.mirror_paths),
            status=statuses[f.name].status,
            path=statuses[f.name].path,
        )
        for f in dataset.files
    ]
    return DatasetInfo(
        name=dataset.name,
        title=dataset.title,
        summary=dataset.summary,
        homepage=dataset.homepage,
        licence=dataset.licence,
        citation=dataset.citation,
        loader=f"ldl.data.loaders.{dataset.loader}",
        cache_dir=locations.dataset_dir(dataset),
        system_dirs=list(dataset.system_dirs),
        timeout_s=dataset.timeout_s,
        attempts=dataset.attempts,
        notes=dataset.notes,
        files=files,
    )
