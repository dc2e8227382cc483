"""`ldl portfolio build` on a sample workspace (one capstone, a hostile capstone, a lab, a run)."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from conftest import EXAMPLES
from nbformat.v4 import new_code_cell, new_notebook
from site_audit import audit
from site_payloads import injection_notebook, payload_count
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.cli.portfolio import build
from ldl.errors import LdlError
from ldl.portfolio.sanitise import CSP, META_CSP
from ldl.portfolio.selection import load_selection
from ldl.portfolio.site import MARKER


def read(result, relative: str) -> str:
    return (result.out_dir / relative).read_text(encoding="utf-8")


def test_the_site_has_a_page_for_each_capstone_lab_and_run(hostile_site):
    workspace, result = hostile_site
    examples = sorted(p.parent.name for p in EXAMPLES.glob("*/capstone.yaml"))
    assert result.capstones == sorted(["digits-mlp", "hostile", *examples])
    assert len(result.labs) == 1 and len(result.runs) == 1 and result.left_out == []
    assert result.pages[0] == "index.html" and len(result.pages) == 3 + len(result.capstones)
    index = read(result, "index.html")
    for relative in result.pages[1:]:
        assert f"href='{relative}'" in index, relative
    assert (result.out_dir / MARKER).is_file() and (result.out_dir / "style.css").is_file()
    headers = (result.out_dir / "_headers").read_text()  # for static hosts that read it
    assert headers.startswith("/*\n") and f"  Content-Security-Policy: {CSP}\n" in headers


def test_every_page_passes_the_audit_and_carries_the_csp(hostile_site):
    _, result = hostile_site
    assert payload_count(injection_notebook()) >= 20
    for relative in result.pages:
        text = read(result, relative)
        assert audit(text) == [], relative
        assert f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">' in text
        assert "evil.invalid" not in "".join(re.findall(r"(?:src|href)=['\"][^'\"]*", text))


def test_the_progress_figure_shows_each_stage(hostile_site):
    _, result = hostile_site
    index = read(result, "index.html")
    uri = re.search(r"src='data:image/svg\+xml;base64,([^']+)'", index).group(1)
    svg = base64.b64decode(uri).decode()
    assert svg.count('fill="#3b6fd8"') == 6  # one bar per stage
    widths = [float(w) for w in re.findall(r'width="([\d.]+)" height="18" rx="4" fill="#3b6fd8"', svg)]
    assert widths[0] > 0 and widths[3] == 0  # units of stage 1 are done, the capstone is not started
    assert "Practical encounter" in svg


def test_capstone_page_shows_check_report_readme_and_maths(hostile_site):
    _, result = hostile_site
    page = read(result, "capstones/digits-mlp.html")
    assert "The README tells the story" in page and "class='status-self'" in page
    assert "Read it aloud to a friend." in page
    assert '<math display="block">' in page and "<mfrac>" in page
    readme_image = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="loss curve"', page)
    assert readme_image and base64.b64decode(readme_image.group(1)).startswith(b"\x89PNG")
    assert "test accuracy 97.3%" in page  # a saved output
    assert "<h2>Results: test_accuracy</h2>" in page and "mean 0.973, std 0.0014" in page
    assert "baseline: logistic regression" in page and "0.9712, 0.9733, 0.9745" in page
    assert "<video controls muted src='digits-mlp/agent.mp4'></video>" in page
    assert (result.out_dir / "capstones" / "digits-mlp" / "agent.mp4").is_file()
    assert not (result.out_dir / "capstones" / "hostile").exists()  # its video pointed outside
    assert 'href="#results"' in page and 'id="results"' in page


def test_run_page_embeds_the_curve_and_the_gif(hostile_site):
    _, result = hostile_site
    page = read(result, f"runs/{result.runs[0]}.html")
    assert "data:image/png;base64," in page and "data:image/gif;base64," in page
    assert "487.5" in page and "batch_size" in page
    video = result.out_dir / "runs" / result.runs[0] / "episode-1.mp4"  # copied, with a safe name
    assert video.read_bytes().startswith(b"\x00\x00\x00\x18ftyp")
    assert f"<video controls muted src='{result.runs[0]}/episode-1.mp4'></video>" in page


def test_hostile_metadata_is_shown_as_text(hostile_site):
    _, result = hostile_site
    page = read(result, "capstones/hostile.html")
    assert "&lt;script&gt;alert(&#x27;yaml-title&#x27;)&lt;/script&gt;Hostile" in page
    assert "<script" not in page.lower()


def test_notebooks_are_never_executed(tmp_path):
    from site_sample import make_workspace

    workspace = make_workspace(tmp_path / "ws")
    marker = tmp_path / "executed"
    notebook = new_notebook(cells=[new_code_cell(f"open({str(marker)!r}, 'w').write('ran')")])
    nbformat.write(notebook, workspace.root / "capstones" / "digits-mlp" / "digits-mlp.ipynb")
    result = build(workspace)
    assert not marker.exists()
    assert "executed" in read(result, "capstones/digits-mlp.html")  # the code is shown, not run


def test_missing_items_are_left_out_with_a_reason(tmp_path):
    from site_sample import make_workspace

    workspace = make_workspace(tmp_path / "ws")
    selection = (workspace.root / "portfolio.yaml").read_text()
    selection = selection.replace("runs: [", "runs: [no-such-run, ").replace(
        "labs: [", "labs: [no_such_lab, "
    )
    (workspace.root / "portfolio.yaml").write_text(selection)
    for path in workspace.labs_dir.rglob("*.ipynb"):
        path.unlink()
    (workspace.capstones_dir / "digits-mlp" / "digits-mlp.ipynb").write_text("{not json")
    result = build(workspace)
    notes = "\n".join(result.left_out)
    assert "run no-such-run: No run 'no-such-run'" in notes and "lab no_such_lab: no such lab" in notes
    assert "no notebook at" in notes and result.labs == [] and len(result.runs) == 1
    assert "capstone digits-mlp: Cannot read the notebook" in notes and result.capstones == []
    assert "Hint: Open it in Jupyter and save it again" in notes


def test_a_rebuild_replaces_its_own_site_but_never_a_foreign_folder(tmp_path):
    from site_sample import make_workspace

    workspace = make_workspace(tmp_path / "ws")
    first = build(workspace)
    (first.out_dir / "stale.html").write_text("old")
    second = build(workspace)
    assert not (second.out_dir / "stale.html").exists() and (second.out_dir / "index.html").is_file()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    with pytest.raises(LdlError, match="not a portfolio site"):
        build(workspace, foreign)
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_add_and_remove_through_the_cli(tmp_path):
    from site_sample import make_workspace

    workspace = make_workspace(tmp_path / "ws")
    env = {"LDL_HOME": str(workspace.root), "LDL_RUNS_DIR": str(workspace.runs_dir)}
    runner = CliRunner()
    run_id = load_selection(workspace.root).runs[0]
    removed = runner.invoke(app, ["portfolio", "remove", "run", run_id], env=env)
    assert removed.exit_code == 0, removed.output
    assert load_selection(workspace.root).runs == []
    added = runner.invoke(app, ["portfolio", "add", "run", "latest", "--json"], env=env)
    assert added.exit_code == 0, added.output
    assert load_selection(workspace.root).runs == [run_id]  # "latest" was stored as the full id
    wrong = runner.invoke(app, ["portfolio", "add", "lab", "fashion_mnist_clasifier"], env=env)
    assert wrong.exit_code == 1 and "Did you mean" in wrong.output and "Traceback" not in wrong.output


def test_a_broken_selection_file_is_a_clear_error(tmp_path):
    (tmp_path / "portfolio.yaml").write_text("labs: 3\n")
    with pytest.raises(LdlError, match="`labs` must be a list"):
        load_selection(tmp_path)
    (tmp_path / "portfolio.yaml").write_text("labs: [\n")
    with pytest.raises(LdlError, match="not valid YAML"):
        load_selection(tmp_path)
