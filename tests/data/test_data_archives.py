"""Safe extraction: a hostile archive is refused whole, and writes nothing outside (or inside)."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from ldl.data.archives import safe_extract
from ldl.errors import LdlError


def make_tar(path: Path, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                name, body = member
                info = tarfile.TarInfo(name)
                info.size = len(body)
                archive.addfile(info, io.BytesIO(body))
    return path


def link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def make_zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), b"data")
    return path


def test_a_normal_archive_unpacks(tmp_path):
    archive = make_tar(
        tmp_path / "ok.tar.gz", [("top/a.txt", b"a"), ("top/sub/b.txt", b"b"), link("top/alias", "a.txt")]
    )
    written = safe_extract(archive, tmp_path / "out")
    assert {p.relative_to(tmp_path / "out").as_posix() for p in written} >= {"top/a.txt", "top/sub/b.txt"}
    assert (tmp_path / "out" / "top" / "sub" / "b.txt").read_bytes() == b"b"


HOSTILE_TARS = {
    "dot-dot": [("ok.txt", b"fine"), ("../escaped.txt", b"evil")],
    "nested dot-dot": [("a/../../escaped.txt", b"evil")],
    "absolute": [("/tmp/ldl-escaped.txt", b"evil")],
    "symlink out": [link("out", "../../etc"), ("out/passwd", b"evil")],
    "absolute symlink": [link("etc", "/etc")],
    "hard link out": [link("hard", "../../escaped.txt", tarfile.LNKTYPE)],
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TARS))
def test_a_hostile_tar_is_refused_and_writes_nothing(tmp_path, case):
    archive = make_tar(tmp_path / "evil.tar.gz", HOSTILE_TARS[case])
    target = tmp_path / "deep" / "out"
    with pytest.raises(LdlError, match="Refusing to unpack"):
        safe_extract(archive, target)
    assert not any(target.rglob("*")), "nothing may be written when one member is unsafe"
    assert not (tmp_path / "deep" / "escaped.txt").exists() and not (tmp_path / "escaped.txt").exists()


def test_a_device_file_in_a_tar_is_refused(tmp_path):
    device = tarfile.TarInfo("dev")
    device.type = tarfile.CHRTYPE
    with pytest.raises(LdlError, match="special file"):
        safe_extract(make_tar(tmp_path / "dev.tar.gz", [device]), tmp_path / "out")


@pytest.mark.parametrize("name", ["../escaped.txt", "/abs.txt", "a/../../escaped.txt", "C:/windows.txt"])
def test_a_hostile_zip_is_refused_and_writes_nothing(tmp_path, name):
    archive = make_zip(tmp_path / "evil.zip", ["fine.txt", name])
    target = tmp_path / "deep" / "out"
    with pytest.raises(LdlError, match="Refusing to unpack"):
        safe_extract(archive, target)
    assert not any(target.rglob("*"))


def test_a_symlink_inside_a_zip_is_refused(tmp_path):
    archive_path = tmp_path / "link.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("fine.txt", b"data")
        info = zipfile.ZipInfo("link")
        info.external_attr = 0o120777 << 16  # a Unix symbolic link
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(LdlError, match="symbolic link"):
        safe_extract(archive_path, tmp_path / "out")
    assert not any((tmp_path / "out").rglob("*"))
