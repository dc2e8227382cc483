"""Reference runs: the training scripts each stage ships, found by name for `ldl run NAME`.

Each stage lists its runs in `content/stages/<stage-dir>/runs.yaml` (format in ARCHITECTURE.md):

    - name: practical.vision
      stage: practical
      target: ldl.practical.vision:train      # train(config, ...) -> result with .metrics, .run_dir
      config: ldl.practical.vision:Config     # a dataclass; every field documented; has `fast: bool`
      description: Fashion-MNIST with fastai; ...

`build_config` makes the config (with `--fast` and `--set field=value` applied) and `launch` calls
the target with whichever of `progress`, `resume` and `root` it accepts.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ldl.errors import FULL_INSTALL_MODULES, LdlError, full_install_error
from ldl.paths import STAGES_ROOT
from ldl.tracking import store
from ldl.tracking.configs import apply_overrides, config_from_dict, field_docs
from ldl.tracking.run import as_reference_run


class ReferenceRun(BaseModel):
    """One entry of a stage's runs.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    stage: str
    target: str
    config: str
    description: str = ""


def load_catalog(stages_root: Path = STAGES_ROOT) -> dict[str, ReferenceRun]:
    """Every reference run of every stage, by name (sorted). Malformed files are errors."""
    catalog: dict[str, ReferenceRun] = {}
    for path in sorted(Path(stages_root).glob("*/runs.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise LdlError(f"{path} must hold a list of runs.")
        for entry in entries:
            try:
                run = ReferenceRun.model_validate(entry)
            except ValidationError as error:
                raise LdlError(f"{path}: a run entry is malformed:\n{error}") from None
            if run.name in catalog:
                raise LdlError(f"{path}: the run name {run.name!r} is used twice.")
            catalog[run.name] = run
    return dict(sorted(catalog.items()))


def find_reference(name: str, stages_root: Path = STAGES_ROOT) -> ReferenceRun:
    catalog = load_catalog(stages_root)
    if name in catalog:
        return catalog[name]
    import difflib

    close = difflib.get_close_matches(name, list(catalog), n=3)
    raise LdlError(
        f"There is no reference run named {name!r}.",
        hint=(f"Did you mean {', '.join(close)}? " if close else "") + "`ldl run --list` shows them all.",
    )


def import_object(spec: str) -> Any:
    """The object named by "package.module:attribute"."""
    module_name, colon, attribute = spec.partition(":")
    if not colon:
        raise LdlError(f"{spec!r} should look like 'package.module:name'.")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except ModuleNotFoundError as error:
        _raise_if_full_install_is_missing(spec, error)
        raise LdlError(f"Cannot load {spec!r}: {error}") from error
    except (ImportError, AttributeError) as error:
        raise LdlError(f"Cannot load {spec!r}: {error}") from error


def build_config(
    run: ReferenceRun,
    fast: bool = False,
    overrides: list[str] | None = None,
    saved: dict[str, Any] | None = None,
) -> Any:
    """The run's config dataclass: its defaults (or the `saved` config.json of a run being
    resumed), then `fast`, then each `field=value` override."""
    config_class = import_object(run.config)
    if not dataclasses.is_dataclass(config_class):
        raise LdlError(f"{run.config} is not a dataclass, so `ldl run` cannot build it.")
    config = config_from_dict(config_class, saved) if saved is not None else config_class()
    if fast:
        if not hasattr(config, "fast"):
            raise LdlError(f"{run.config} has no `fast` field, so --fast does not apply.")
        config = dataclasses.replace(config, fast=True)
    return apply_overrides(config, overrides or [])


def latest_run(run: ReferenceRun, root: Path, catalog: dict[str, ReferenceRun] | None = None) -> Path | None:
    """The newest run folder under `root` that `ldl run NAME` started for this reference run, or None.

    Runs record their reference run in run.json. Older runs, which do not, count when they belong
    to the same stage, their config has the fields of this run's config class (but perhaps not
    those added since, which have defaults), and it is not closer to the defaults of another
    reference run of the same script (`deep-rl.dqn-pong` and `deep-rl.dqn-minatar` share one).
    """
    fields = dataclasses.fields(import_object(run.config))
    required = {field.name for field in fields if field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING}  # fmt: skip
    siblings = [other for other in (catalog or load_catalog()).values()
                if other.target == run.target and other.config != run.config]  # fmt: skip
    for run_dir in reversed(store.run_dirs(root, run.stage)):
        recorded = store.read_json(run_dir / store.RUN_FILE, {}).get("reference")
        if recorded == run.name:
            return run_dir
        saved = store.read_json(run_dir / "config.json", {})
        if recorded is None and saved and required <= set(saved) <= {field.name for field in fields}:
            ours = _defaults_kept(saved, run.config)
            if all(_defaults_kept(saved, other.config) <= ours for other in siblings):
                return run_dir
    return None


def _defaults_kept(saved: dict[str, Any], config: str) -> int:
    """How many of the config class's default values the saved config holds."""
    defaults = json.loads(json.dumps(dataclasses.asdict(import_object(config)()), default=str))
    return sum(1 for name, value in defaults.items() if name in saved and saved[name] == value)


def launch(
    run: ReferenceRun,
    config: Any,
    progress: Callable[[Any], Any] | None = None,
    resume: str | None = None,
    root: Path | None = None,
) -> Any:
    """Call the run's `train(config, ...)`, passing the optional hooks its signature accepts."""
    train = import_object(run.target)
    accepted = inspect.signature(train).parameters
    options: dict[str, Any] = {}
    if progress is not None and "progress" in accepted:
        options["progress"] = progress
    if root is not None and "root" in accepted:
        options["root"] = root
    if resume is not None:
        if "resume" not in accepted:
            raise LdlError(f"{run.name} cannot be resumed: its train() takes no `resume`.")
        options["resume"] = resume
    try:
        with as_reference_run(run.name):
            return train(config, **options)
    except ModuleNotFoundError as error:  # a light install: stage 1 imports torch and fastai lazily
        _raise_if_full_install_is_missing(run.name, error)
        raise


def _raise_if_full_install_is_missing(what: str, error: ModuleNotFoundError) -> None:
    missing = (error.name or "").split(".")[0]
    if missing in FULL_INSTALL_MODULES:
        raise full_install_error(what, missing) from error


@dataclass
class ConfigField:
    """One field of a reference run's config, for `ldl run NAME --config`."""

    name: str
    value: Any
    doc: str


def config_fields(name: str, fast: bool, overrides: list[str], stages_root: Path | None) -> list[ConfigField]:
    """The named run's config fields, values (after --fast and --set) and documentation."""
    reference = find_reference(name, stages_root or STAGES_ROOT)
    config = build_config(reference, fast, overrides)
    docs = field_docs(type(config))
    return [
        ConfigField(f.name, getattr(config, f.name), docs.get(f.name, "")) for f in dataclasses.fields(config)
    ]
