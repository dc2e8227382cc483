"""The framework audit: does a capstone use only low-level frameworks?

Two nets, because each misses what the other catches:

1. **Static scan** (`scan_sources`): every code cell, and every local module the notebook imports
   (followed recursively: `import helpers` -> helpers.py -> `import lightning`), is parsed with `ast`.
   It sees `import x`, `from x import y` (as `x.y`, so `from transformers import Trainer` is the
   forbidden `transformers.Trainer`), `importlib.import_module("literal")`, `__import__("literal")`
   and attribute chains on an imported name (`tf.keras.layers.Dense` is `tensorflow.keras...`).
   It cannot see a name built at run time: `importlib.import_module("fast" + "ai")`.
2. **Runtime audit** (`RUNTIME_PRELUDE`, run as the kernel's first cell): a finder at the front of
   `sys.meta_path` sees every module the process imports, by any route (a helper module,
   `importlib`, a lazy attribute like `tf.keras`); a forbidden one is written to a log and refused
   with an ImportError. Probes that only ask whether a module exists (`importlib.util.find_spec`,
   which libraries use for optional features) are let through. A last cell (`RUNTIME_SWEEP`) lists
   forbidden modules found in `sys.modules` anyway.

This is an honesty check, not a security boundary: code in the same interpreter can undo any hook
(see ENVIRONMENT.md, "Sandboxing learner code"). It catches the mistakes people make, and the
shortcuts they take without thinking; nobody is trying to fool a check of their own work.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from ldl.capstone.rules import Framework, forbidden_match

AUDIT_LOG_ENV = "LDL_CAPSTONE_AUDIT"


@dataclass(frozen=True)
class Finding:
    name: str  # what was used, e.g. "tensorflow.keras.layers" or "fastai"
    rule: str  # the forbidden entry it matched
    reason: str
    where: str  # "cell 4, line 2", "helpers.py, line 1", or "at run time (imported by ...)"


def strip_magics(source: str) -> str:
    """Cell source with IPython magics and shell escapes blanked, so that `ast` can parse it."""
    lines = source.splitlines()
    return "\n".join("" if line.lstrip().startswith(("%", "!", "?")) else line for line in lines)


def used_names(tree: ast.AST) -> list[tuple[str, int]]:
    """(dotted name, line) for everything a module imports or reaches through an imported name."""
    aliases: dict[str, str] = {}  # local name -> the dotted module or attribute it stands for
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((alias.name, node.lineno))
                local = alias.asname or alias.name.split(".")[0]
                aliases[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node.lineno))
            for alias in node.names:
                found.append((f"{node.module}.{alias.name}", node.lineno))
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((first.value, node.lineno))
    for node in ast.walk(tree):  # a second pass: aliases may be defined after their first use in the walk
        if isinstance(node, ast.Attribute):
            chain = _attribute_chain(node)
            if chain and chain[0] in aliases:
                found.append((".".join([aliases[chain[0]], *chain[1:]]), node.lineno))
    return found


def scan_sources(cells: list[str], project: Path, forbidden: list[Framework]) -> list[Finding]:
    """Findings in the notebook's code cells (numbered from 1, as Jupyter shows them) and in
    every local module they import, directly or through other local modules."""
    findings: list[Finding] = []
    queue: list[tuple[str, str]] = [(f"code cell {i}", source) for i, source in enumerate(cells, start=1)]
    seen_modules: set[Path] = set()
    while queue:
        where, source = queue.pop(0)
        try:
            tree = ast.parse(strip_magics(source))
        except SyntaxError:
            continue  # the run reports it; there is nothing to scan
        for name, line in used_names(tree):
            entry = forbidden_match(name, forbidden)
            if entry is not None:
                findings.append(Finding(name, entry.name, entry.reason, f"{where}, line {line}"))
            module = local_module(name, project)
            if module is not None and module not in seen_modules:
                seen_modules.add(module)
                queue.append((str(module.relative_to(project)), module.read_text(encoding="utf-8")))
    return _unique(findings)


def local_module(dotted: str, project: Path) -> Path | None:
    """The file in the project folder that `import dotted` would load, if there is one."""
    parts = dotted.split(".")
    for count in range(len(parts), 0, -1):
        base = project.joinpath(*parts[:count])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def runtime_prelude(forbidden: list[Framework]) -> str:
    """The code of the first cell the checker runs in the kernel (see the module docstring)."""
    table = {entry.name: entry.reason for entry in forbidden}
    return RUNTIME_PRELUDE.replace("__FORBIDDEN__", repr(table)).replace("__ENV__", repr(AUDIT_LOG_ENV))


def runtime_sweep(forbidden: list[Framework]) -> str:
    table = {entry.name: entry.reason for entry in forbidden}
    return RUNTIME_SWEEP.replace("__FORBIDDEN__", repr(table)).replace("__ENV__", repr(AUDIT_LOG_ENV))


def read_runtime_log(path: Path, forbidden: list[Framework]) -> list[Finding]:
    """The findings the kernel wrote (one JSON object per line: module, how)."""
    if not path.exists():
        return []
    findings = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        rule = forbidden_match(str(entry.get("module", "")), forbidden)
        if rule is not None:
            how = entry.get("how", "imported")
            findings.append(Finding(entry["module"], rule.name, rule.reason, f"at run time ({how})"))
    return _unique(findings)


RUNTIME_PRELUDE = '''
import sys as _ldl_sys


class _LdlCapstoneAudit:
    """Installed by `ldl capstone check`: records and refuses forbidden imports."""

    forbidden = __FORBIDDEN__

    def __init__(self):
        import os

        self.log = os.environ.get(__ENV__)

    def find_spec(self, name, path=None, target=None):
        for rule, reason in self.forbidden.items():
            if name == rule or name.startswith(rule + "."):
                if self._only_probing():
                    return None
                self._write(name)
                raise ImportError(
                    f"{name} is not allowed in a capstone: {reason}. "
                    "(ldl capstone check refused this import.)"
                )
        return None

    @staticmethod
    def _only_probing():
        frame = _ldl_sys._getframe(2)
        while frame is not None:
            where = frame.f_code.co_filename.replace("\\\\", "/")
            in_util = "importlib/util" in where or "importlib.util" in where
            if frame.f_code.co_name == "find_spec" and in_util:
                return True
            frame = frame.f_back
        return False

    def _write(self, name, how="imported"):
        if self.log:
            import json

            with open(self.log, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"module": name, "how": how}) + "\\n")


_ldl_sys.meta_path.insert(0, _LdlCapstoneAudit())
del _LdlCapstoneAudit
'''

RUNTIME_SWEEP = """
def _ldl_sweep():
    import json, os, sys

    forbidden = __FORBIDDEN__
    log = os.environ.get(__ENV__)
    loaded = [m for m in list(sys.modules) if any(m == r or m.startswith(r + ".") for r in forbidden)]
    if log and loaded:
        with open(log, "a", encoding="utf-8") as handle:
            for name in loaded:
                handle.write(json.dumps({"module": name, "how": "found loaded at the end"}) + "\\n")


_ldl_sweep()
del _ldl_sweep
"""


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def _attribute_chain(node: ast.Attribute) -> list[str] | None:
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    return [current.id, *reversed(parts)]


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for finding in findings:
        key = (finding.rule, finding.where)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept
