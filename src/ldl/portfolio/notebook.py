"""A notebook (or a README) as sanitised HTML: nbconvert from saved outputs, maths as MathML.

The portfolio shows what the learner's notebook printed when *they* ran it; the build never
executes anything (a notebook without outputs shows its code only). nbconvert's `basic` template
renders the cells; two things are ours:

- **Markdown** goes through markdown-it (CommonMark, tables) with the dollar-maths plugin:
  `$...$` and `$$...$$` become MathML via latex2mathml, so the browser draws the maths itself and
  the page needs no MathJax and makes no request. An image `attachment:plot.png` becomes a data
  URI from the cell's attachments; a relative image (`figures/loss.png`) is read from the project
  folder, never from outside it.
- **LaTeX outputs** (`text/latex`, e.g. from SymPy) become MathML the same way.

The HTML that comes out is sanitised by `ldl.portfolio.sanitise.clean` before it reaches a page.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ldl.errors import LdlError
from ldl.portfolio import sanitise

TEMPLATES = Path(__file__).parent / "templates"
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
MAX_IMAGE_BYTES = 8 * 1024 * 1024  # a larger "figure" is almost surely a mistake; it is left out


def latex_to_mathml(latex: str, display: bool = False) -> str:
    """MathML for one formula; the escaped source when latex2mathml cannot read it."""
    from latex2mathml.converter import convert

    try:
        return convert(latex.strip(), display="block" if display else "inline")
    except Exception:  # latex2mathml raises many types on bad input; show the source instead
        return f"<code>{html.escape(latex)}</code>"


def latex_output_to_mathml(text: str) -> str:
    """A `text/latex` output (`$$x$$`, `$x$`, `\\[x\\]` or bare LaTeX) as MathML."""
    text = text.strip()
    for opening, closing in (("$$", "$$"), ("\\[", "\\]"), ("$", "$"), ("\\(", "\\)")):
        if text.startswith(opening) and text.endswith(closing) and len(text) > len(opening) + len(closing):
            return latex_to_mathml(text[len(opening) : -len(closing)], display=opening in ("$$", "\\["))
    return latex_to_mathml(text, display=True)


def data_uri(path: Path) -> str | None:
    """A base64 data URI for an image file; None for anything that is not a small image."""
    kind = mimetypes.guess_type(path.name)[0]
    if kind not in IMAGE_TYPES or not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
        return None
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def folder_images(folder: Path | None) -> sanitise.ImageResolver:
    """Resolve relative image paths against `folder`, refusing any that lead outside it."""

    def resolve(relative: str) -> str | None:
        if folder is None:
            return None
        base = folder.resolve()
        target = (base / relative.split("?")[0].split("#")[0]).resolve()  # symlinks followed
        return data_uri(target) if target.is_relative_to(base) else None

    return resolve


def _attachment_uri(attachments: dict[str, Any], src: str) -> str | None:
    bundle = attachments.get(src.removeprefix("attachment:"), {})
    for kind in IMAGE_TYPES & set(bundle):
        data = bundle[kind]
        data = "".join(data) if isinstance(data, list) else str(data)
        if kind == "image/svg+xml":  # stored as text, not base64
            data = base64.b64encode(data.encode("utf-8")).decode("ascii")
        compact = re.sub(r"\s", "", data)
        return f"data:{kind};base64,{compact}"
    return None


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.use(
        dollarmath_plugin, double_inline=True, renderer=lambda c, o: latex_to_mathml(c, o["display_mode"])
    )
    parser.use(anchors_plugin, min_level=1, max_level=3)
    default_image = parser.renderer.rules["image"]

    def image(renderer, tokens, index, options, env):
        token = tokens[index]
        src = str(token.attrGet("src") or "")
        if src.startswith("attachment:"):
            token.attrSet("src", _attachment_uri(env.get("attachments") or {}, src) or "")
        return default_image(tokens, index, options, env)

    parser.add_render_rule("image", image)
    return parser


def markdown_to_html(text: str, attachments: dict[str, Any] | None = None) -> str:
    """Markdown with `$maths$` as HTML with MathML (not yet sanitised)."""
    return _markdown().render(text, {"attachments": attachments or {}})


@lru_cache(maxsize=1)
def _exporter():
    from jinja2 import pass_context
    from nbconvert import HTMLExporter

    @pass_context
    def markdown2html(context, source: str) -> str:
        cell = context.get("cell", {})
        return markdown_to_html(source, cell.get("attachments") if hasattr(cell, "get") else None)

    exporter = HTMLExporter(
        template_name="basic", extra_template_paths=[str(TEMPLATES)], template_file="notebook.html.j2"
    )
    exporter.register_filter("markdown2html", markdown2html)
    exporter.register_filter("latex_to_mathml", latex_output_to_mathml)
    return exporter


def render_notebook(path: Path, project: Path | None = None) -> str:
    """The notebook at `path` as sanitised HTML, from its saved outputs (nothing is executed).

    `project` is the folder whose files relative image links may embed (default: the notebook's).
    """
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises JSON, validation and OS errors
        raise LdlError(
            f"Cannot read the notebook {path} ({type(error).__name__}: {error}).",
            hint="Open it in Jupyter and save it again, or remove it from the portfolio.",
        ) from None
    body, _ = _exporter().from_notebook_node(notebook)
    return sanitise.clean(body, resolve_image=folder_images(project or path.parent))


def render_markdown_file(path: Path) -> str:
    """A Markdown file (a capstone's README) as sanitised HTML; its images come from its folder."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return sanitise.clean(markdown_to_html(text), resolve_image=folder_images(path.parent))
