"""`ldl run` and `ldl runs list|show|plot|compare`, through the CLI runner."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.errors import LdlError

pytestmark = pytest.mark.torch

RUNS_YAML = """\
- name: test.mlp
  stage: examples
  target: ldl.tracking.example_mlp:train
  config: ldl.tracking.example_mlp:Config
  description: the reference MLP, registered by a test
"""


@pytest.fixture
def stages(tmp_path) -> Path:
    folder = tmp_path / "stages" / "9-test"
    folder.mkdir(parents=True)
    (folder / "runs.yaml").write_text(RUNS_YAML)
    return folder.parent


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def _error_text(result) -> str:
    """The message of a failed command: printed (exit 1) or the LdlError itself."""
    if isinstance(result.exception, LdlError):
        return str(result.exception)
    assert result.exit_code == 1, result.output
    return result.output


def _run_json(stages: Path, root: Path, *extra: str) -> dict:
    result = _invoke(
        "run", "test.mlp", "--fast", "--stages-dir", str(stages), "--root", str(root), "--json", *extra
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_run_list_shows_the_catalog(stages):
    result = _invoke("run", "--list", "--stages-dir", str(stages), "--json")
    assert result.exit_code == 0, result.output
    assert [entry["name"] for entry in json.loads(result.stdout)] == ["test.mlp"]


def test_run_trains_with_overrides_and_the_runs_commands_read_it(stages, tmp_path):
    root = tmp_path / "runs"
    first = _run_json(stages, root, "--set", "lr=0.2", "--set", "batch_size=64")
    second = _run_json(stages, root)
    config = json.loads((Path(first["run_dir"]) / "config.json").read_text())
    assert (config["lr"], config["batch_size"], config["fast"]) == (0.2, 64, True)
    assert first["metrics"]["steps"] == 2 * 7 and second["metrics"]["steps"] == 2 * 13  # 410 examples

    listed = json.loads(_invoke("runs", "list", "--root", str(root), "--json").stdout)
    assert [run["dir"] for run in listed] == [first["run_dir"], second["run_dir"]]
    assert all(run["status"] == "finished" for run in listed)

    shown = json.loads(
        _invoke("runs", "show", Path(second["run_dir"]).name, "--root", str(root), "--json").stdout
    )
    assert shown["info"]["summary"]["val_accuracy"] == second["metrics"]["val_accuracy"]
    assert shown["checkpoints"][-1] == "step-000000026.pt"

    plotted = json.loads(_invoke("runs", "plot", first["run_dir"], "--json").stdout)
    assert Path(plotted["path"]).read_bytes()[:4] == b"\x89PNG"

    ids = [Path(run["run_dir"]).name for run in (first, second)]
    compared = json.loads(_invoke("runs", "compare", *ids, "--root", str(root), "--json").stdout)
    assert compared["metrics"]["steps"] == [14, 26]
    assert compared["config_differences"] == {"lr": [0.2, 0.05], "batch_size": [64, 32]}
    assert Path(compared["plot"]).read_bytes()[:4] == b"\x89PNG"
    assert "overlay plot" in _invoke("runs", "compare", *ids, "--root", str(root)).output


def test_run_resume_reuses_the_saved_config_and_refuses_changes(stages, tmp_path):
    root = tmp_path / "runs"
    first = _run_json(stages, root, "--set", "lr=0.2")
    run_id = Path(first["run_dir"]).name
    again = _invoke(
        "run", "test.mlp", "--resume", run_id, "--stages-dir", str(stages), "--root", str(root), "--json"
    )
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["metrics"] == first["metrics"]  # nothing left to train: same result
    changed = _invoke(
        "run",
        "test.mlp",
        "--resume",
        "latest",
        "--set",
        "lr=0.3",
        "--stages-dir",
        str(stages),
        "--root",
        str(root),
    )
    assert "lr: 0.2 -> 0.3" in _error_text(changed)


def test_run_config_shows_fields_values_and_their_documentation(stages):
    args = ["run", "test.mlp", "--config", "--fast", "--set", "lr=0.3", "--stages-dir", str(stages)]
    result = _invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    fields = {item["name"]: item for item in json.loads(result.stdout)}
    assert fields["lr"]["value"] == 0.3 and fields["fast"]["value"] is True
    assert fields["dropout"]["doc"].startswith("Probability of zeroing a hidden unit")
    assert "Probability of zeroing" in _invoke(*args).output


def test_run_refuses_unknown_fields_and_names(stages, tmp_path):
    result = _invoke(
        "run", "test.mlp", "--set", "bogus=1", "--stages-dir", str(stages), "--root", str(tmp_path)
    )
    assert "no field 'bogus'" in _error_text(result) and "checkpoint_every" in _error_text(result)
    result = _invoke("run", "test.mpl", "--stages-dir", str(stages))
    assert "Did you mean test.mlp" in _error_text(result)


def test_runs_list_is_friendly_when_empty(tmp_path):
    result = _invoke("runs", "list", "--root", str(tmp_path))
    assert result.exit_code == 0 and "No runs yet" in result.output


TWO_RUNS_YAML = (
    RUNS_YAML
    + """\
- name: test.mlp-wide
  stage: examples
  target: ldl.tracking.example_mlp:train
  config: ldl.tracking.example_mlp:WideConfig
  description: the same script under another name and defaults (its runs share the folder name)
"""
)


def test_resume_latest_continues_the_newest_run_of_that_reference_run(tmp_path):
    stages = tmp_path / "stages"
    (stages / "9-test").mkdir(parents=True)
    (stages / "9-test" / "runs.yaml").write_text(TWO_RUNS_YAML)
    root = tmp_path / "runs"

    def run(name: str, *extra: str):
        return _invoke("run", name, "--stages-dir", str(stages), "--root", str(root), "--json", *extra)

    missing = run("test.mlp", "--resume", "latest")
    assert "There is no run of test.mlp to resume" in _error_text(missing)

    first = json.loads(run("test.mlp", "--fast", "--set", "lr=0.2").stdout)
    wide = json.loads(run("test.mlp-wide", "--fast", "--set", "lr=0.1").stdout)
    assert Path(first["run_dir"]).parent == Path(wide["run_dir"]).parent  # one folder name, two runs
    meta = json.loads((Path(first["run_dir"]) / "run.json").read_text())
    assert meta["reference"] == "test.mlp"

    listed = json.loads(_invoke("runs", "list", "--root", str(root), "--json").stdout)
    assert [entry["reference"] for entry in listed] == ["test.mlp", "test.mlp-wide"]
    assert "test.mlp-wide" in _invoke("runs", "list", "--root", str(root)).output

    again = run("test.mlp", "--resume", "latest")  # the newest run of the stage is test.mlp-wide's
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["run_dir"] == first["run_dir"]

    del meta["reference"]  # a run from before runs recorded their reference run: matched by its fields,
    (Path(first["run_dir"]) / "run.json").write_text(json.dumps(meta))
    saved = json.loads((Path(first["run_dir"]) / "config.json").read_text())
    del saved["dropout"]  # even one older than a field that has a default since
    (Path(first["run_dir"]) / "config.json").write_text(json.dumps(saved))
    assert json.loads(run("test.mlp", "--resume", "latest").stdout)["run_dir"] == first["run_dir"]

    wide_meta = json.loads((Path(wide["run_dir"]) / "run.json").read_text())
    del wide_meta["reference"]  # now both are legacy, and the newer one has test.mlp's fields too:
    (Path(wide["run_dir"]) / "run.json").write_text(json.dumps(wide_meta))  # its defaults tell them apart
    assert json.loads(run("test.mlp", "--resume", "latest").stdout)["run_dir"] == first["run_dir"]
    assert json.loads(run("test.mlp-wide", "--resume", "latest").stdout)["run_dir"] == wide["run_dir"]
