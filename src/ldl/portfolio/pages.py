"""The pages of a portfolio site: the HTML around the content, a capstone's page, a run's page.

Everything here writes either text it escapes (`e`, for every value read from the learner's files:
capstone.yaml, results.json, check.json, run metadata) or HTML that went through
`ldl.portfolio.sanitise.clean` (notebooks and READMEs, via `ldl.portfolio.notebook`). Images are
embedded as data URIs; videos are copied beside the page that shows them.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from ldl.errors import LdlError
from ldl.portfolio import figures, notebook, sanitise
from ldl.portfolio.sanitise import META_CSP

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
e = html.escape


def slug(text: str) -> str:
    """A safe file name for a page: letters, digits, dot, dash, underscore."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")
    return cleaned or "page"


def page(title: str, body: str, depth: int, heading: str | None = None) -> str:
    """A whole HTML page; `depth` is how many folders below the site root it lives (for links)."""
    up = "../" * depth
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{META_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<link rel="stylesheet" href="{up}style.css">
</head>
<body>
<nav><a href="{up}index.html">Portfolio home</a></nav>
<main>
<h1>{e(heading or title)}</h1>
{body}
</main>
<footer>Built with ldl from saved notebook outputs; this site runs no JavaScript.</footer>
</body>
</html>
"""


def table(rows: list[tuple[str, Any]], headings: tuple[str, str]) -> str:
    cells = "".join(f"<tr><td>{e(str(k))}</td><td>{e(short(v))}</td></tr>" for k, v in rows)
    return f"<table><thead><tr><th>{e(headings[0])}</th><th>{e(headings[1])}</th></tr></thead>{cells}</table>"


def short(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


# ---- capstones -------------------------------------------------------------------------------


def read_capstone(folder: Path) -> dict[str, Any]:
    """capstone.yaml as a dict (an LdlError naming the file when it is unreadable)."""
    path = folder / "capstone.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise LdlError(
            f"Cannot read {path}: {error}", hint="Fix the file, or move the project away."
        ) from None
    if not isinstance(data, dict):
        raise LdlError(f"{path} must be a mapping (name, stage, title, created, summary).", hint="Fix it.")
    return data


def _check_report(folder: Path) -> str:
    """The last `ldl capstone check` report as a table, or a note that there is none."""
    from ldl.tracking.store import read_json

    report = read_json(folder / ".ldl" / "check.json")
    if not isinstance(report, dict) or not isinstance(report.get("rows"), list):
        return "<p class='note'>No rubric check yet (run <code>ldl capstone check</code>).</p>"
    rows = []
    for row in report["rows"]:
        row = row if isinstance(row, dict) else {}
        status = str(row.get("status", ""))
        fix = row.get("how_to_fix") or ""
        rows.append(
            f"<tr><td>{e(str(row.get('title') or row.get('id', '')))}</td>"
            f"<td class='status-{e(slug(status))}'>{e(status)}</td><td>{e(str(fix))}</td></tr>"
        )
    meta = f"overall: {report.get('overall', '?')}, checked {report.get('when', '?')}"
    meta += f" with ldl {report.get('ldl_version', report.get('version', '?'))}"
    return (
        f"<h2>Rubric check</h2><p class='note'>{e(meta)}</p><table><thead><tr><th>criterion</th>"
        f"<th>status</th><th>how to fix</th></tr></thead>{''.join(rows)}</table>"
    )


def media(path: Path, media_dir: Path, alt: str) -> str:
    """A GIF or image as an embedded <img>, an MP4/WebM copied into `media_dir` as a <video>
    (the page sits beside `media_dir`); empty for anything else."""
    if path.suffix.lower() in VIDEO_TYPES and path.is_file():
        media_dir.mkdir(parents=True, exist_ok=True)
        target = media_dir / slug(path.name)
        shutil.copyfile(path, target)
        return f"<video controls muted src='{e(media_dir.name)}/{e(target.name)}'></video>"
    uri = notebook.data_uri(path)
    return f"<img class='figure' src='{uri}' alt='{e(alt)}'>" if uri else ""


def _results(folder: Path, media_dir: Path) -> str:
    """The project's results.json (written by its notebook) as a table, and the agent's video."""
    from ldl.tracking.store import read_json

    data = read_json(folder / "results.json")
    if not isinstance(data, dict):
        return ""
    summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
    rows = []
    for who in ("model", "baseline"):
        label = who if who == "model" else f"baseline: {data.get('baseline_name', '')}".rstrip(": ")
        numbers = summary.get(who) if isinstance(summary.get(who), dict) else {}
        shown = ", ".join(f"{k} {short(v)}" for k, v in numbers.items())
        seeds = data.get(who) if isinstance(data.get(who), list) else [data.get(who, "")]
        per_seed = ", ".join(short(v) for v in seeds)
        rows.append(f"<tr><td>{e(label)}</td><td>{e(shown)}</td><td>{e(per_seed)}</td></tr>")
    parts = [
        f"<h2>Results: {e(str(data.get('metric', '')))}</h2><table><thead><tr><th></th><th>summary</th>"
        f"<th>per seed</th></tr></thead>{''.join(rows)}</table>"
    ]
    video = data.get("video")
    if isinstance(video, str) and video:
        path = (folder / video).resolve()
        if path.is_relative_to(folder.resolve()):  # never a file from outside the project
            parts.append(media(path, media_dir, "the trained agent"))
    return "".join(parts)


def capstone_page(folder: Path, media_dir: Path) -> tuple[dict[str, Any], str]:
    """A capstone's page and its details; its video, if any, is copied to `media_dir`."""
    info = read_capstone(folder)
    name = folder.name
    parts = [f"<p class='summary'>{e(str(info.get('summary', '')))}</p>"]
    facts = f"capstone {info.get('stage', '?')}, started {info.get('created', '?')}"
    parts.append(f"<p class='note'>{e(facts)}</p>")
    parts.append(_results(folder, media_dir))
    parts.append(_check_report(folder))
    if (folder / "README.md").is_file():
        parts.append(
            f"<section class='readme'>{notebook.render_markdown_file(folder / 'README.md')}</section>"
        )
    nb = folder / f"{name}.ipynb"
    if nb.is_file():
        parts.append(
            f"<h2>The notebook</h2><section class='notebook'>{notebook.render_notebook(nb, folder)}</section>"
        )
    else:
        parts.append(f"<p class='note'>No notebook {e(nb.name)} yet.</p>")
    return info, page(str(info.get("title") or name), "\n".join(parts), depth=1)


def thumbnail(folder: Path) -> str | None:
    """A capstone's picture for the front page: its first figure in figures/, else the first
    PNG its notebook saved (a data URI), else None."""
    for path in sorted((folder / "figures").glob("*")) if (folder / "figures").is_dir() else []:
        uri = notebook.data_uri(path)
        if uri:
            return uri
    try:
        cells = json.loads((folder / f"{folder.name}.ipynb").read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return None
    for cell in cells if isinstance(cells, list) else []:
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            data = output.get("data", {}) if isinstance(output, dict) else {}
            png = data.get("image/png") if isinstance(data, dict) else None
            if isinstance(png, str) and sanitise.DATA_IMAGE.match(f"data:image/png;base64,{png}"):
                return f"data:image/png;base64,{png.strip()}"
    return None


def card(href: str, title: str, note: str, picture: str | None) -> str:
    """One entry of the front page: a picture (a data URI we made) when there is one, a title, a note."""
    image = f"<img src='{picture}' alt=''>" if picture and sanitise.DATA_IMAGE.match(picture) else ""
    return (
        f"<li class='card'><a href='{e(href)}'>{image}<span class='card-title'>{e(title)}</span></a>"
        f"<span class='note'>{e(note)}</span></li>"
    )


# ---- runs ------------------------------------------------------------------------------------


def run_page(run_dir: Path, media_dir: Path) -> tuple[str, str | None]:
    """A run's page and its learning curve (a data URI, or None); its videos are copied to
    `media_dir` (runs/<run_id>/ in the site)."""
    from ldl.tracking.store import read_metrics, run_info

    info = run_info(run_dir)
    parts = [f"<p class='note'>run {e(info.run_id)}: {e(info.status)}, started {e(info.created)}</p>"]
    if info.summary:
        parts.append("<h2>Result</h2>" + table(list(info.summary.items()), ("metric", "value")))
    curve = figures.learning_curve_png(run_dir, read_metrics(run_dir))
    curve_uri = None
    if curve is not None:
        curve_uri = "data:image/png;base64," + base64.b64encode(curve).decode("ascii")
        alt = f"learning curves of {e(info.run_id)}"
        parts.append(f"<h2>Learning curve</h2><img class='figure' src='{curve_uri}' alt='{alt}'>")
    plots = run_dir / "plots"
    videos = sorted(p for p in run_dir.rglob("*") if p.suffix.lower() in VIDEO_TYPES)
    for path in [*(sorted(plots.glob("*.gif")) if plots.is_dir() else []), *videos]:
        shown = media(path, media_dir, f"{path.stem} (animation)")
        parts.append(f"<h2>{e(path.stem)}</h2>{shown}" if shown else "")
    if info.config:
        parts.append("<h2>Configuration</h2>" + table(list(info.config.items()), ("field", "value")))
    text = page(f"Run {info.run_id}", "\n".join(parts), depth=1, heading=f"{info.stage}/{info.name}")
    return text, curve_uri
