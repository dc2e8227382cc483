"""Unpacking archives without letting them write outside the target folder.

An archive member is just a name and some bytes, and the name is chosen by whoever made the
archive. `../../.bashrc` or `/etc/passwd` as a name, or a symbolic link pointing outside the
target followed by a file written "through" it, would overwrite files anywhere the user can write
("zip slip"). `safe_extract` checks every member before writing anything and refuses the whole
archive if one member is unsafe.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from ldl.errors import LdlError


def _unsafe(archive: Path, member: str, why: str) -> LdlError:
    return LdlError(
        f"Refusing to unpack {archive.name}: member {member!r} {why}.",
        hint="The archive may be corrupt or malicious. Delete it and fetch it again from its "
        "canonical source (`ldl data gc`, then `ldl data fetch NAME`).",
    )


def check_member_name(archive: Path, name: str) -> PurePosixPath:
    """The member's path relative to the target, or an error if it could land outside it."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise _unsafe(archive, name, "has an absolute path")
    if ".." in path.parts:
        raise _unsafe(archive, name, "climbs out of the target folder with '..'")
    return path


def _check_link(archive: Path, member: tarfile.TarInfo, target: Path) -> None:
    """A link may only point at something inside the target folder."""
    link = PurePosixPath(member.linkname.replace("\\", "/"))
    if link.is_absolute():
        raise _unsafe(archive, member.name, f"links to the absolute path {member.linkname!r}")
    base = target / PurePosixPath(member.name).parent if member.issym() else target
    resolved = os.path.normpath(base / link)
    if os.path.commonpath([resolved, str(target)]) != str(target):
        raise _unsafe(archive, member.name, f"links outside the target ({member.linkname!r})")


def _check_tar(archive: Path, members: list[tarfile.TarInfo], target: Path) -> None:
    for member in members:
        check_member_name(archive, member.name)
        if member.issym() or member.islnk():
            _check_link(archive, member, target)
        elif not (member.isfile() or member.isdir()):
            raise _unsafe(archive, member.name, "is a device, fifo or other special file")


def safe_extract(archive: Path, target: Path) -> list[Path]:
    """Unpack a zip or tar(.gz/.bz2/.xz) archive into `target`; return the files written.

    Every member is checked first; one unsafe member (absolute path, `..`, a link escaping
    `target`, a special file) refuses the whole archive and writes nothing.
    """
    target = Path(os.path.realpath(target))
    target.mkdir(parents=True, exist_ok=True)
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zipped:
            names = [check_member_name(archive, info.filename) for info in zipped.infolist()]
            for info in zipped.infolist():
                if _zip_is_symlink(info):
                    raise _unsafe(archive, info.filename, "is a symbolic link")
            for info, relative in zip(zipped.infolist(), names, strict=True):
                destination = target / relative
                if info.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(info) as source, open(destination, "wb") as sink:
                    shutil.copyfileobj(source, sink)
        return sorted(path for path in target.rglob("*") if path.is_file())
    try:
        with tarfile.open(archive) as tarred:
            members = tarred.getmembers()
            _check_tar(archive, members, target)
            tarred.extractall(target, members=members, filter="data")  # the standard library's own net
    except tarfile.TarError as error:
        raise LdlError(f"{archive.name} is not a readable archive: {error}.") from error
    return sorted(path for path in target.rglob("*") if path.is_file())


def _zip_is_symlink(info: zipfile.ZipInfo) -> bool:
    """Zip files made on Unix store the file mode in the top 16 bits of external_attr."""
    mode = info.external_attr >> 16
    return (mode & 0o170000) == 0o120000
