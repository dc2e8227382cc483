"""`ldl capstone check`'s rows: prose, sections, references and results judged from the files, and
reproducibility judged from two real runs of tiny notebooks."""

from __future__ import annotations

import json

from capstone_kit import ANALYSIS, PROSE, RESULTS, SETUP, TRAIN, tiny_cells, write_project

from ldl.capstone import results
from ldl.capstone.check import check_project
from ldl.capstone.rules import stage_rules
from ldl.capstone.runs import RunOutcome, result_rows


def rows(report) -> dict[str, str]:
    return {row.id: row.status for row in report.rows}


def test_a_complete_tiny_project_passes_the_static_rows(tiny_project):
    report = check_project(tiny_project, runs=0)
    statuses = rows(report)
    assert {status for row_id, status in statuses.items() if not row_id.startswith("self.")} == {"pass"}
    assert [r.id for r in report.rows if r.status == "self"] == [
        r.id for r in stage_rules(1).rubric.self_assessed
    ]
    assert report.overall == "pass"


def test_a_code_cell_without_prose_fails(tmp_path):
    cells = tiny_cells()
    cells[cells.index(("md", PROSE))] = ("md", "## The data\n\nThe setup:")  # a heading and 2 words
    report = check_project(write_project(tmp_path / "p", cells), runs=0)
    row = next(r for r in report.rows if r.id == "prose.code_cells")
    assert row.status == "fail" and "code cell(s) 1" in row.how_to_fix
    assert report.overall == "fail"


def test_two_code_cells_in_a_row_fail_on_the_second(tmp_path):
    cells = tiny_cells()
    cells.insert(cells.index(("code", TRAIN)) + 1, ("code", "print(scores)"))
    row = next(
        r
        for r in check_project(write_project(tmp_path / "p", cells), runs=0).rows
        if r.id == "prose.code_cells"
    )
    assert row.status == "fail" and "code cell(s) 3" in row.how_to_fix


def test_template_prompts_and_empty_sections_do_not_count_as_prose(tmp_path):
    prompt = stage_rules(1).sections[0].prompt
    cells = [
        c if not c[1].startswith("## The question") else ("md", f"## The question\n\n*{prompt}*")
        for c in tiny_cells()
    ]
    cells = [c for c in cells if not c[1].startswith("## Reproduce")]
    row = next(
        r
        for r in check_project(write_project(tmp_path / "p", cells), runs=0).rows
        if r.id == "prose.sections"
    )
    assert row.status == "fail"
    assert (
        "The question" in row.how_to_fix
        and "Reproduce" in row.how_to_fix
        and "The data" not in row.how_to_fix
    )


def test_references_need_a_link(tmp_path):
    cells = [
        c if not c[1].startswith("## References") else ("md", "## References\n\n" + PROSE * 3)
        for c in tiny_cells()
    ]
    statuses = rows(check_project(write_project(tmp_path / "p", cells), runs=0))
    assert statuses["prose.references"] == "fail"


def test_error_analysis_needs_code_in_its_section(tmp_path):
    cells = [c for c in tiny_cells() if c != ("code", ANALYSIS)]
    statuses = rows(check_project(write_project(tmp_path / "p", cells), runs=0))
    assert statuses["evaluation.error_analysis"] == "pass"  # the results cell is in that section too
    cells = [c for c in cells if c != ("code", RESULTS)]
    statuses = rows(check_project(write_project(tmp_path / "q", cells), runs=0))
    assert statuses["evaluation.error_analysis"] == "fail"


def test_seeds_set_is_read_from_the_code(tmp_path):
    unseeded = TRAIN.replace("default_rng(seed)", "default_rng()")
    statuses = rows(check_project(write_project(tmp_path / "p", tiny_cells(train=unseeded)), runs=0))
    assert statuses["reproducible.seeds_set"] == "fail"


def test_the_tiny_project_runs_twice_with_the_same_results(tiny_project):
    """Both runs happen on copies: the learner's folder gains no results.json or figures."""
    before = sorted(p.name for p in tiny_project.iterdir())
    report = check_project(tiny_project, runs=2)
    assert sorted(p.name for p in tiny_project.iterdir()) == before
    statuses = rows(report)
    assert all(status in ("pass", "self") for status in statuses.values()), [
        (r.id, r.how_to_fix) for r in report.rows if r.status == "fail"
    ]
    for row_id in ("frameworks.runtime", "reproducible.runs", "reproducible.fast",
                   "reproducible.same_metrics",
                   "results.seeds", "evaluation.baseline", "evaluation.test_once"):  # fmt: skip
        assert statuses[row_id] == "pass"


def test_unseeded_randomness_fails_reproducibility(tmp_path):
    """Seeds that only look set: the data comes from an unseeded generator, so two runs differ."""
    unseeded = TRAIN.replace("x = rng.normal", "x = np.random.default_rng().normal")
    project = write_project(tmp_path / "p", tiny_cells(train=unseeded))
    report = check_project(project, runs=2)
    row = next(r for r in report.rows if r.id == "reproducible.same_metrics")
    assert row.status == "fail" and "model:" in row.how_to_fix
    assert rows(report)["reproducible.runs"] == "pass" and report.overall == "fail"


def test_a_slow_or_failing_notebook_fails_the_run_rows(tmp_path):
    broken = SETUP + "\nraise ValueError('the data folder is empty')"
    report = check_project(write_project(tmp_path / "p", tiny_cells(setup=broken)), runs=1)
    statuses = rows(report)
    assert statuses["reproducible.runs"] == statuses["results.file"] == "fail"
    assert "the data folder is empty" in next(
        r.how_to_fix for r in report.rows if r.id == "reproducible.runs"
    )


# ---- the numbers in results.json ---------------------------------------------------------------


def good_results(kind: str) -> dict:
    model, baseline = [0.9, 0.8, 0.95, 0.7, 0.85], [0.5] * 5
    if kind == "mean_std":
        summary = {
            w: {"mean": results.mean(v), "std": results.std(v, 1)}
            for w, v in (("model", model), ("baseline", baseline))
        }
    else:
        summary = {
            w: {"iqm": results.iqm(v), "ci_low": min(v), "ci_high": max(v)}
            for w, v in (("model", model), ("baseline", baseline))
        }
    return {"metric": "m", "seeds": [0, 1, 2, 3, 4], "model": model, "baseline": baseline,
            "baseline_name": "b", "summary": summary, "test_evaluations": 1, "eval_seeds": [10, 11],
            "video": "figures/a.gif"}  # fmt: skip


def test_iqm_is_the_mean_of_the_middle_half():
    assert results.iqm([1.0, 2.0, 3.0, 4.0, 100.0]) == 3.0  # int(5 / 4) = 1 dropped at each end
    assert results.iqm([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 800.0]) == 4.5


def test_summaries_are_recomputed_from_the_per_seed_values():
    for kind in ("mean_std", "iqm_ci"):
        assert results.summary_problems(good_results(kind), kind) == []
    data = good_results("mean_std")
    data["summary"]["model"]["mean"] = 0.99  # the best seed, reported as the mean
    assert any("mean" in p for p in results.summary_problems(data, "mean_std"))
    data = good_results("iqm_ci")
    data["summary"]["model"]["iqm"] = results.mean(data["model"])  # the plain mean is not the IQM
    assert any("interquartile" in p for p in results.summary_problems(data, "iqm_ci"))
    data = good_results("iqm_ci")
    data["summary"]["model"]["ci_high"] = 0.0
    assert any("ci_low" in p for p in results.summary_problems(data, "iqm_ci"))


def test_result_rows_for_each_stage(tmp_path):
    run = RunOutcome(ok=True, seconds=1.0, error=None, results=None, results_problem=None, findings=[])
    first = {r.id: r.status for r in result_rows(good_results("mean_std"), stage_rules(1), run)}
    assert first == {"results.seeds": "pass", "evaluation.baseline": "pass", "evaluation.test_once": "pass"}
    data = good_results("mean_std") | {"test_evaluations": 3}
    assert {r.id: r.status for r in result_rows(data, stage_rules(1), run)}["evaluation.test_once"] == "fail"
    short = good_results("mean_std")
    for key in ("seeds", "model"):
        short[key] = short[key][:2]
    short["summary"]["model"] = {"mean": results.mean(short["model"]), "std": results.std(short["model"], 0)}
    assert {r.id: r.status for r in result_rows(short, stage_rules(1), run)}["results.seeds"] == "fail"

    second = good_results("iqm_ci")
    statuses = {r.id: r.status for r in result_rows(second, stage_rules(2), run)}
    expected = {"results.seeds": "pass", "evaluation.baseline": "pass", "evaluation.unseen_seeds": "pass"}
    assert statuses == expected | {"results.video": "fail"}  # this run made no video
    overlap = second | {"eval_seeds": [4, 99]}
    assert {r.id: r.status for r in result_rows(overlap, stage_rules(2), run)}[
        "evaluation.unseen_seeds"
    ] == "fail"
    three = good_results("iqm_ci")
    for key in ("seeds", "model", "baseline"):
        three[key] = three[key][:3]
    three["summary"] = {
        w: {"iqm": results.iqm(three[w]), "ci_low": 0.0, "ci_high": 1.0} for w in ("model", "baseline")
    }
    assert {r.id: r.status for r in result_rows(three, stage_rules(2), run)}["results.seeds"] == "fail"


def test_results_file_problems_are_named(tmp_path):
    assert "no results.json" in results.read_results(tmp_path)[1]
    (tmp_path / "results.json").write_text("{")
    assert "not valid JSON" in results.read_results(tmp_path)[1]
    (tmp_path / "results.json").write_text(json.dumps({"metric": "m"}))
    assert "lacks seeds, model, baseline, summary" in results.read_results(tmp_path)[1]
