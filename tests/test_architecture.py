"""The layer rule of docs/ARCHITECTURE.md, checked on every module's imports (parsed with ast).

    layer 4  cli                                    may import everything below
    layer 3  tour, grading, notebooks, review       layers 0-2
    layer 2  curriculum, progress                   layers 0-1
    layer 1  engine, mathlab, practical, rl         layer 0 (and each other only where stated)
    layer 0  data, tracking, errors, paths,         layer 0 only
             workspace

A module may always import its own package. Imports inside functions and under TYPE_CHECKING
count too: a lazy import is still a dependency. The content tree (labs, starters, solutions,
checks) is data, not a layer, and is not scanned.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "ldl"

LAYERS = {
    "cli": 4,
    "tour": 3, "grading": 3, "notebooks": 3, "review": 3, "capstone": 3, "portfolio": 3,
    "curriculum": 2, "progress": 2,
    "engine": 1, "mathlab": 1, "practical": 1, "rl": 1,
    "data": 0, "tracking": 0, "errors": 0, "paths": 0, "workspace": 0, "__init__": 0,
}  # fmt: skip

# Imports between different packages of the same layer, each one deliberate. `ldl tour` runs the
# labs, so it needs the notebook runner (to be stated in ARCHITECTURE.md's layer table); so does
# `ldl capstone check`, which runs the learner's project notebook.
SAME_LAYER_ALLOWED: set[tuple[str, str]] = {("tour", "notebooks"), ("capstone", "notebooks")}


def modules() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "content" not in p.relative_to(SOURCE).parts)


def package_of(path: Path) -> str:
    """The top-level part of ldl a file belongs to: `cli`, `engine`, `workspace`, ...
    (`python -m ldl`, i.e. `__main__.py`, is part of the CLI)."""
    name = path.relative_to(SOURCE).parts[0].removesuffix(".py")
    return "cli" if name == "__main__" else name


def imported_ldl_packages(path: Path, source: Path = SOURCE) -> set[str]:
    """The top-level ldl packages a module imports (absolute and relative imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module_parts = list(path.relative_to(source.parent).with_suffix("").parts)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module_parts[: len(module_parts) - node.level]  # the package, then its parents
                names = [".".join([*base, node.module] if node.module else base)]
                if not node.module:
                    names = [f"{names[0]}.{alias.name}" for alias in node.names]
            else:
                names = [node.module or ""]
                if node.module == "ldl":
                    names = [f"ldl.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("ldl.")}
    return found


def imported_top_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    tops = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            tops.add(node.module.split(".")[0])
    return tops


def test_every_package_has_a_layer():
    unknown = {package_of(path) for path in modules()} - set(LAYERS)
    assert not unknown, f"add these to LAYERS here and to docs/ARCHITECTURE.md: {sorted(unknown)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_imports_flow_downwards(path: Path):
    own = package_of(path)
    layer = LAYERS[own]
    bad = []
    for target in sorted(imported_ldl_packages(path) - {own}):
        target_layer = LAYERS.get(target)
        if target_layer is None:
            continue  # caught by test_every_package_has_a_layer when the package exists
        same_layer_ok = target_layer == layer and (layer == 0 or (own, target) in SAME_LAYER_ALLOWED)
        if target_layer > layer or (target_layer == layer and not same_layer_ok):
            bad.append(f"ldl.{target} (layer {target_layer})")
    assert not bad, f"ldl.{own} (layer {layer}) must not import {', '.join(bad)}"


def test_the_layer_scan_sees_every_kind_of_import(tmp_path: Path):
    """Guard against a scan that silently finds nothing."""
    source = tmp_path / "ldl"
    (source / "grading").mkdir(parents=True)
    (source / "grading" / "__init__.py").write_text("from . import sandbox\nfrom .. import paths\n")
    module = source / "grading" / "runner.py"
    module.write_text(
        "import ldl.errors\nfrom ldl import workspace\nfrom ldl.data.registry import load\n"
        "from ..progress import store\nfrom .sandbox import run\n"
        "def later():\n    from ldl.tracking import start_run\n"
    )
    found = imported_ldl_packages(module, source)
    assert found == {"errors", "workspace", "data", "progress", "grading", "tracking"}
    assert imported_ldl_packages(source / "grading" / "__init__.py", source) == {"grading", "paths"}


def test_the_engine_never_imports_torch():
    offenders = [
        str(path.relative_to(SOURCE))
        for path in (SOURCE / "engine").rglob("*.py")
        if "torch" in imported_top_modules(path)
    ]
    assert not offenders, f"ldl.engine is numpy only; torch is imported by {offenders}"


def test_the_cli_starts_without_heavy_libraries():
    """`ldl --help`, `ldl map` and `ldl next` stay fast: importing the CLI loads no heavy library."""
    heavy = ["torch", "fastai", "matplotlib", "sklearn", "nbclient", "jupyter_client", "jupytext"]
    code = f"import sys, ldl.cli.app; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", f"the CLI imports these at start-up: {loaded.strip()}"
