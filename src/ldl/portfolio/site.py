"""`ldl portfolio build`: the learner's work as a static site that is safe to publish anywhere.

    <out>/
      index.html                 progress through the six stages, capstones, labs, runs
      style.css                  ours, plus Pygments' colours for code
      capstones/<name>.html      capstone.yaml, results.json, the `ldl capstone check` report,
                                 README, notebook
      capstones/<name>/<video>   the MP4/WebM its results.json names, copied
      labs/<lab_id>.html         the learner's own lab notebook, as they last saved it
      runs/<run_id>.html         summary, config, learning curve, the agent's GIF
      runs/<run_id>/<video>      MP4/WebM videos of a run, copied (shown with <video>)
      _headers                   the CSP and other headers, for hosts that read this file
      .ldl-portfolio-site        marks the folder as ours: a rebuild replaces only such a folder

Everything on a page is either text we escape or HTML that went through `sanitise.clean`; images
are embedded as data URIs, so a page never loads anything but its stylesheet and its videos.
Notebooks are rendered from their saved outputs: a build executes no code.

A capstone project folder (written by `ldl capstone`) holds `capstone.yaml` (name, stage, title,
created, summary), `<name>.ipynb`, README.md, data/, figures/, results.json (the numbers its
notebook reports, and the agent's video for Capstone II) and `.ldl/check.json`, the last
`ldl capstone check` report (rows of id, title, status pass|fail|self, how_to_fix; when, ldl
version, overall). This module only reads those files.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ldl.errors import LdlError
from ldl.portfolio import figures, notebook
from ldl.portfolio.pages import capstone_page, card, e, page, run_page, slug, table, thumbnail
from ldl.portfolio.sanitise import SECURITY_HEADERS
from ldl.portfolio.selection import Selection

MARKER = ".ldl-portfolio-site"
ASSETS = Path(__file__).parent / "assets"
# The security headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages).
HOST_HEADERS = "/*\n" + "".join(f"  {name}: {value}\n" for name, value in SECURITY_HEADERS.items())


@dataclass
class BuildResult:
    """What `ldl portfolio build` wrote."""

    out_dir: Path
    pages: list[str] = field(default_factory=list)  # relative to out_dir, index.html first
    capstones: list[str] = field(default_factory=list)
    labs: list[str] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # chosen items that could not be shown, and why
    seconds: float = 0.0


@dataclass(frozen=True)
class LabChoice:
    """A lab the learner chose: its id, title and where their notebook is."""

    id: str
    title: str
    notebook: Path


# ---- the whole site --------------------------------------------------------------------------


def _prepare(out: Path) -> Path:
    """An empty staging folder beside `out`; refuses to replace a folder that is not a site of ours."""
    if out.exists() and not (out / MARKER).is_file() and (not out.is_dir() or any(out.iterdir())):
        raise LdlError(
            f"{out} exists and is not a portfolio site that ldl built; it was left alone.",
            hint="Choose another folder with --out, or empty this one.",
        )
    staging = out.with_name(f".{out.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _stylesheet() -> str:
    from pygments.formatters import HtmlFormatter

    own = (ASSETS / "style.css").read_text(encoding="utf-8")
    return (
        own
        + "\n/* Pygments (BSD licence): colours of highlighted code */\n"
        + (HtmlFormatter(style="default").get_style_defs(".highlight"))
    )


def build_site(
    workspace_root: Path,
    out: Path,
    selection: Selection,
    stages: list[figures.StageProgress],
    labs: list[LabChoice],
    runs_root: Path | None = None,
) -> BuildResult:
    """Write the site for the workspace into `out` (replacing a site built there before); the
    chosen runs are looked up under `runs_root` (default: the workspace's runs/)."""
    started = time.perf_counter()
    out = out.resolve()
    staging = _prepare(out)
    result = BuildResult(out_dir=out)
    (staging / MARKER).write_text("built by `ldl portfolio build`; rebuilding replaces this folder\n")
    (staging / "style.css").write_text(_stylesheet(), encoding="utf-8")
    (staging / "_headers").write_text(HOST_HEADERS, encoding="utf-8")

    def write(relative: str, text: str) -> None:
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        (staging / relative).write_text(text, encoding="utf-8")
        result.pages.append(relative)

    capstone_items = []
    for folder in sorted(p.parent for p in (workspace_root / "capstones").glob("*/capstone.yaml")):
        stem = slug(folder.name)
        if f"capstones/{stem}.html" in result.pages:  # two names that differ only in unsafe characters
            stem = f"{stem}-{len(result.pages)}"
        relative = f"capstones/{stem}.html"
        try:
            info, text = capstone_page(folder, staging / "capstones" / stem)
        except LdlError as error:  # a damaged file: say so, and publish the rest
            result.left_out.append(f"capstone {folder.name}: {error.format_message()}")
            continue
        write(relative, text)
        result.capstones.append(folder.name)
        title, about = str(info.get("title") or folder.name), f"capstone {info.get('stage', '?')}"
        note = f"{about}: {info.get('summary', '')}"
        capstone_items.append(card(relative, title, note, thumbnail(folder)))
    lab_items = []
    for lab in labs:
        if not lab.notebook.is_file():
            result.left_out.append(
                f"lab {lab.id}: no notebook at {lab.notebook} (open it with `ldl open {lab.id}`)"
            )
            continue
        try:
            body = f"<section class='notebook'>{notebook.render_notebook(lab.notebook)}</section>"
        except LdlError as error:
            result.left_out.append(f"lab {lab.id}: {error.format_message()}")
            continue
        write(f"labs/{slug(lab.id)}.html", page(lab.title, body, depth=1))
        result.labs.append(lab.id)
        lab_items.append(f"<li><a href='labs/{slug(lab.id)}.html'>{e(lab.title)}</a></li>")
    run_items = []
    for ref in selection.runs:
        from ldl.tracking.store import find_run

        try:
            run_dir = find_run(ref, runs_root or workspace_root / "runs")
        except LdlError as error:
            result.left_out.append(f"run {ref}: {error.message}")
            continue
        name = slug(run_dir.name)
        text, curve = run_page(run_dir, staging / "runs" / name)
        write(f"runs/{name}.html", text)
        result.runs.append(run_dir.name)
        label = f"{run_dir.parent.parent.name}/{run_dir.parent.name}"
        run_items.append(card(f"runs/{name}.html", label, run_dir.name, curve))

    def section(title: str, items: list[str], empty: str, cards: bool = True) -> str:
        kind = " class='cards'" if cards else ""
        listing = f"<ul{kind}>{''.join(items)}</ul>" if items else f"<p class='note'>{e(empty)}</p>"
        return f"<h2>{e(title)}</h2>{listing}"

    progress_rows = [
        (f"{s.number}. {s.title}", f"{s.fraction:.0%} ({s.hours_done:.0f} of {s.hours_total:.0f} h)")
        for s in stages
    ]
    svg = figures.svg_data_uri(figures.progress_svg(stages))
    index = [
        f"<p class='note'>{e(selection.author)}</p>" if selection.author else "",
        "<h2>Progress through the six stages</h2>",
        f"<img class='figure' src='{svg}' alt='progress bars, one per stage'>",
        f"<details><summary>The numbers</summary>{table(progress_rows, ('stage', 'done'))}</details>",
        section("Capstones", capstone_items, "No capstone yet: `ldl capstone new` starts one."),
        section("Labs", lab_items, "No labs chosen: `ldl portfolio add lab ID`.", cards=False),
        section("Runs", run_items, "No runs chosen: `ldl portfolio add run RUN_ID`."),
    ]
    (staging / "index.html").write_text(page(selection.title, "\n".join(index), depth=0), encoding="utf-8")
    result.pages.insert(0, "index.html")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    result.seconds = round(time.perf_counter() - started, 2)
    return result
