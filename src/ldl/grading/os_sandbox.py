"""The operating system's sandbox for the learner's code: bubblewrap (Linux namespaces).

The audit-hook fence (`guard.py`) lives inside the learner's own interpreter, so plain Python can
switch it off. On Linux the learner's child therefore runs under `bwrap` (bubblewrap, from the
distribution), which builds its world from kernel namespaces before the interpreter starts:

- its own PID namespace: the child sees only its own processes, cannot signal the grader, and
  when the namespace's first process dies (the run ends, or the grader dies) every process in it
  dies too, however it forked, `setsid`-ed or scrubbed its environment;
- no network (a network namespace with only a loopback that nothing listens on), its own IPC,
  UTS and cgroup namespaces, a new terminal session (no `TIOCSTI` into the learner's terminal),
  no capabilities;
- a filesystem made of read-only views of only what the interpreter needs (`/usr`, the Python
  installation, the virtual environment), with ldl's package hidden under an empty tmpfs wherever
  it would be visible; the learner's stage folder read-only at `/ldl/learner/<n>`; a private,
  read-only folder `/ldl/lib` holding a *copy* of the harness, the few ldl modules it and the
  checks import, and the checks; a private `/tmp` (64 MiB) and `/dev/shm` (16 MiB) as the only
  writable places. The reference solution, the mistakes, the content tree, the grader's own code,
  the workspace's `.ldl/` and the home folder are not in the sandbox at all.

Why the checks are copied in: the learner's child builds the cases itself (their inputs may be
any Python object) and runs the probes, which live in `checks.py`. The checks hold inputs and
probes, never expected values, so a read-only copy gives the learner's code nothing it does not
receive anyway as arguments, and the original cannot be changed. The reference solution, which
holds the answers, never enters this sandbox.

`available()` probes once per process whether bwrap works here (`LDL_SANDBOX=fence|bwrap|auto`
forces a choice; `bwrap` when it does not work is ldl's fault, reported as a grader error).
"""

from __future__ import annotations

import ast
import functools
import os
import re
import shutil
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
HARNESS = Path(__file__).with_name("harness.py")
BWRAP = "bwrap"
ENV_VARIABLE = "LDL_SANDBOX"
BUBBLEWRAP, FENCE = "bubblewrap", "audit-hook fence"

LIB = "/ldl/lib"  # the private copy of the harness, its ldl modules and the checks
CHECKS = f"{LIB}/_ldl_checks_source.py"
WORKDIR = "/tmp/work"
TMP_BYTES = 64 * 2**20
SHM_BYTES = 16 * 2**20
ETC_FILES = ("ld.so.cache", "localtime", "passwd", "group", "nsswitch.conf")
BOOTSTRAP = (
    f"import sys; sys.path.insert(0, {LIB!r}); import runpy; "
    "runpy.run_module('ldl.grading.harness', run_name='__main__')"
)


class SandboxUnavailable(RuntimeError):
    """`LDL_SANDBOX=bwrap` was asked for, but bubblewrap does not work on this machine."""


def choice() -> str:
    """Which sandbox grades the learner's code now: BUBBLEWRAP or FENCE."""
    wanted = os.environ.get(ENV_VARIABLE, "auto").strip().lower() or "auto"
    if wanted not in ("auto", "bwrap", "fence"):
        raise SandboxUnavailable(f"{ENV_VARIABLE} must be fence, bwrap or auto, not {wanted!r}")
    if wanted == "fence":
        return FENCE
    if available():
        return BUBBLEWRAP
    if wanted == "bwrap":
        raise SandboxUnavailable(f"{ENV_VARIABLE}=bwrap, but bubblewrap does not work here: {_probe()[1]}")
    return FENCE


def available() -> bool:
    return _probe()[0]


@functools.cache
def _probe() -> tuple[bool, str]:
    """Start `true` in the namespaces the learner's child will get (once per process, ~5 ms)."""
    if not sys.platform.startswith("linux"):
        return False, "bubblewrap needs Linux"
    bwrap = shutil.which(BWRAP)
    if bwrap is None:
        return False, "the `bwrap` command is not installed (Debian/Ubuntu: apt install bubblewrap)"
    command = [bwrap, *_namespace_flags(), *_system_binds(), "--", "true"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if done.returncode != 0:
        return False, done.stderr.decode(errors="replace").strip() or f"exit status {done.returncode}"
    return True, ""


def _namespace_flags() -> list[str]:
    return ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]


def _system_binds() -> list[str]:
    """/usr read-only, the merged-/usr links, and the few /etc files the loader and libc read."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


@dataclass(frozen=True)
class Layout:
    """Where the learner's child finds things inside the sandbox, and the bwrap command line."""

    command: list[str]
    paths: dict[str, str]  # host path -> sandbox path, for the learner's files


def learner_layout(lib_dir: Path, learner_dirs: list[Path], hidden: list[Path]) -> Layout:
    """The bwrap command that runs the harness with `lib_dir` at /ldl/lib and the learner's folders
    read-only; every path in `hidden` (and ldl's package) is covered wherever it would show."""
    args = [shutil.which(BWRAP) or BWRAP, *_namespace_flags(), *_system_binds()]
    args += ["--dev", "/dev", "--proc", "/proc"]
    # The private /tmp first: bwrap mounts in order, so an interpreter or a virtual environment that
    # lives under /tmp (a CI clone, say) is bound on top of it instead of being hidden by it.
    args += ["--size", str(TMP_BYTES), "--tmpfs", "/tmp", "--size", str(SHM_BYTES), "--tmpfs", "/dev/shm"]
    roots = _python_roots()
    for root in roots:
        args += ["--ro-bind", root, root]
    for path in _to_hide(roots, hidden):
        args += ["--tmpfs", path] if os.path.isdir(path) else ["--ro-bind", "/dev/null", path]
    args += ["--dir", WORKDIR, "--chdir", WORKDIR, "--ro-bind", str(lib_dir), LIB]
    paths = {}
    for index, folder in enumerate(learner_dirs):
        inside = f"/ldl/learner/{index}"
        args += ["--ro-bind", str(folder), inside]
        paths[str(folder)] = inside
    args += ["--", sys.executable, "-I", "-c", BOOTSTRAP]
    return Layout(args, paths)


def reference_command() -> list[str]:
    """The reference child sees the whole filesystem (it runs trusted code) but gets its own PID
    namespace, so the learner's child cannot reach it and nothing it starts outlives the grader."""
    bwrap = shutil.which(BWRAP) or BWRAP
    return [bwrap, "--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent", "--", sys.executable, "-I"]


def _python_roots() -> list[str]:
    """The Python installation and environment: the prefixes, and the entries of sys.path that are
    installed packages (site-/dist-packages). Never a project folder that happens to be on sys.path
    (a test runner puts the repository root there), nor the folder ldl itself is imported from (an
    editable install's source tree): the learner must not see a clone's content, tests or git objects."""
    ldl_home = str(PACKAGE_ROOT.parent)
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    installed = [p for p in sys.path if p.rstrip("/").endswith(("site-packages", "dist-packages"))]
    candidates = {*prefixes, *installed}
    roots = []
    for entry in sorted(candidates, key=len):
        if not entry or not os.path.isabs(entry) or not os.path.exists(entry):
            continue
        real = os.path.realpath(entry)
        if real == ldl_home or _under(real, ("/usr",)) or any(_under(real, (root,)) for root in roots):
            continue
        roots.append(real)
    return roots


def _to_hide(roots: list[str], hidden: list[Path]) -> list[str]:
    """Every copy of ldl's package in a bound site folder, and the hidden paths that fall inside
    a bound root (a workspace inside a virtual environment, say)."""
    sites = {*site.getsitepackages(), *[p for p in sys.path if p.endswith("-packages")]}
    copies = [os.path.join(folder, "ldl") for folder in sites]
    found = {str(PACKAGE_ROOT), *(copy for copy in copies if os.path.isdir(copy))}
    found |= {os.path.realpath(p) for p in hidden if os.path.exists(p)}
    bound = [*roots, "/usr"]
    return sorted(p for p in found if any(_under(p, (root,)) for root in bound))


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def prepare_lib(lib_dir: Path, checks_file: Path) -> None:
    """Copy the harness, the ldl modules it and the checks import, and the checks into `lib_dir`.

    Only `ldl.*` modules named in import statements are copied (found by reading their source,
    never by importing them here), so the sandbox holds a handful of files, not the package."""
    package = lib_dir / "ldl"
    package.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(checks_file, lib_dir / Path(CHECKS).name)
    wanted, done = ["ldl.grading.harness", *_ldl_imports(checks_file)], set()
    while wanted:
        name = wanted.pop()
        source = None if name in done else _module_file(name)
        done.add(name)
        if source is None:
            continue
        target = package.joinpath(*name.split(".")[1:])
        target = target / "__init__.py" if source.name == "__init__.py" else target.with_suffix(".py")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        wanted += _ldl_imports(source)
    for folder in [package, *(p for p in package.rglob("*") if p.is_dir())]:
        if not (folder / "__init__.py").exists():  # ldl/ and ldl/grading/: empty, not the real ones
            (folder / "__init__.py").write_text('"""A private copy for the grading sandbox."""\n')


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = PACKAGE_ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if parts and candidate.is_file():
            return candidate
    return None


IMPORT_LINE = re.compile(
    r"^[ \t]*(from[ \t]+ldl[\w.]*[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*)|import[ \t]+ldl[^\n]*)", re.M
)


def _ldl_imports(path: Path) -> list[str]:
    """The `ldl.*` modules that a source file imports (for `from ldl.x import y`, both ldl.x and
    ldl.x.y, since y may be a submodule). Only the import statements are parsed: fast."""
    names = []
    for statement in IMPORT_LINE.findall(path.read_text(encoding="utf-8")):
        try:
            node = ast.parse(statement.split("#")[0].strip() if "(" not in statement else statement.strip())
        except SyntaxError:
            continue
        for item in node.body:
            if isinstance(item, ast.Import):
                names += [alias.name for alias in item.names]
            elif isinstance(item, ast.ImportFrom) and item.module:
                names += [item.module, *(f"{item.module}.{alias.name}" for alias in item.names)]
    found = []
    for name in names:
        if name.startswith("ldl."):
            parts = name.split(".")
            found += [".".join(parts[:i]) for i in range(2, len(parts) + 1)]
    return found
