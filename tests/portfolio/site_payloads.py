"""An injection notebook: hostile content in every place a notebook can carry it.

Each payload that would run script calls `alert('<id>')` (a dialog the browser test counts) and
each that would load something points at http://evil.invalid/<id> (a request the test catches).
A payload that got through would show as a dialog, a request, or a CSP violation.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

EVIL = "http://evil.invalid"
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

# (id, markdown) pairs: HTML and Markdown a learner (or a copied cell) could put in a text cell.
MARKDOWN_PAYLOADS = [
    ("md-script", "<script>alert('md-script')</script>"),
    ("img-onerror", "<img src=x onerror=\"alert('img-onerror')\">"),
    ("md-js-link", "[a markdown link](javascript:alert('md-js-link'))"),
    ("html-js-link", "<a href=\"javascript:alert('html-js-link')\">an html link</a>"),
    ("entity-js-link", "<a href=\"jav&#x09;ascript:alert('entity-js-link')\">tabbed scheme</a>"),
    ("svg-onload", "<svg onload=\"alert('svg-onload')\"><circle r='5'/></svg>"),
    ("svg-script", "<svg><script>alert('svg-script')</script></svg>"),
    (
        "svg-animate",
        "<svg><a><animate attributeName=href values=javascript:alert('svg-animate') />"
        "<text y=20>click</text></a></svg>",
    ),
    (
        "mathml-xlink",
        "<math><maction actiontype='statusline' xlink:href=\"javascript:alert('mathml-xlink')\">"
        "<mi>x</mi></maction></math>",
    ),
    ("mathml-href", "<math href=\"javascript:alert('mathml-href')\"><mi>y</mi></math>"),
    ("mathml-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=\"alert('mathml-mxss')\">"),
    ("noscript-mxss", "<noscript><p title=\"</noscript><img src=x onerror=alert('noscript-mxss')>\">"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>parent.alert('iframe-srcdoc')</script>\"></iframe>"),
    ("object-data", "<object data=\"data:text/html,<script>alert('object-data')</script>\"></object>"),
    ("details-toggle", "<details open ontoggle=\"alert('details-toggle')\"><summary>s</summary></details>"),
    ("autofocus", "<input autofocus onfocus=\"alert('autofocus')\">"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(\'meta-refresh\')">'),
    ("base-href", f'<base href="{EVIL}/base-href/">'),
    ("link-css", f'<link rel=stylesheet href="{EVIL}/link-css.css">'),
    ("tracking-pixel", f'<img src="{EVIL}/tracking-pixel.png">'),
    ("style-import", f"<style>@import url({EVIL}/style-import.css);</style>"),
    ("style-attr", f'<div style="background:url({EVIL}/style-attr.png)">styled</div>'),
    ("audio-onerror", "<audio src=x onerror=\"alert('audio-onerror')\"></audio>"),
    ("video-poster", f'<video poster="{EVIL}/video-poster.png"></video>'),
    ("form-action", "<form action=\"javascript:alert('form-action')\"><button>go</button></form>"),
    (
        "latex-href",
        "$\\href{javascript:alert('latex-href')}{x}$ and $\\text{<img src=x onerror=alert('latex-text')>}$",
    ),
    ("md-image-evil", f"![remote]({EVIL}/md-image-evil.png)"),
    ("md-image-traversal", "![secret](../../../../etc/passwd)"),
    ("data-html-link", "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)"),
    (
        "annotation-xml",
        "<math><annotation-xml encoding='text/html'><img src=x onerror=\"alert('annotation-xml')\">"
        "</annotation-xml></math>",
    ),
    ("img-srcset", f"<img srcset='{EVIL}/img-srcset.png 1x' alt='srcset'>"),
    ("picture-source", f"<picture><source srcset='{EVIL}/picture-source.png'><img alt='p'></picture>"),
    ("table-background", f"<table background='{EVIL}/table-background.png'><tr><td>t</td></tr></table>"),
    ("attachment-html", "![attached](attachment:evil.html)"),
    ("attachment-svg", "![attached svg](attachment:evil.svg)"),
]

# The same id must never be used twice: the test reports which payloads got through by id.
assert len({name for name, _ in MARKDOWN_PAYLOADS}) == len(MARKDOWN_PAYLOADS)


def injection_notebook() -> nbformat.NotebookNode:
    """A notebook with >= 20 payloads in text cells, outputs of every kind, attachments, metadata."""
    notebook = new_notebook()
    notebook.metadata["title"] = "<script>alert('nb-metadata-title')</script>"
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "<img src=x onerror=alert('kernelspec')>",
    }
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {},
            "x": "</script><script>alert('widgets')</script>",
        }
    }
    cells = [new_markdown_cell(f"## Payload {name}\n\n{text}") for name, text in MARKDOWN_PAYLOADS]
    cells[-2].attachments = {"evil.html": {"text/html": "<script>alert('attachment-html')</script>"}}
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' onload=\"alert('attachment-svg')\">"
        f"<image href='{EVIL}/a.png'/></svg>"
    )
    cells[-1].attachments = {"evil.svg": {"image/svg+xml": svg}}
    outputs = [
        new_output("stream", name="stdout", text="<script>alert('stream')</script>\n"),
        new_output(
            "display_data",
            data={"text/html": "<script>alert('html-output')</script><b>bold</b>", "text/plain": "html"},
        ),
        new_output(
            "display_data",
            data={"text/html": "<img src=x onerror=\"alert('html-output-img')\">"},
            metadata={"text/html": {"isolated": True}},
        ),
        new_output("display_data", data={"application/javascript": "alert('js-output')", "text/plain": "js"}),
        new_output("display_data", data={"image/svg+xml": svg.replace("attachment-svg", "svg-output")}),
        new_output("display_data", data={"text/markdown": "[md output](javascript:alert('md-output'))"}),
        new_output("display_data", data={"text/latex": "$$\\text{<script>alert('latex-output')</script>}$$"}),
        new_output(
            "display_data",
            data={"image/png": PNG_1PX},
            metadata={
                "image/png": {
                    "width": "1 onerror=alert('png-width')",
                    "alt": "\"><script>alert('png-alt')</script>",
                }
            },
        ),
        new_output("display_data", data={"image/png": "\" onerror=\"alert('png-data')"}),
        new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                "text/plain": "<script>alert('widget-view')</script>",
            },
        ),
        new_output(
            "error",
            ename="<script>alert('ename')</script>",
            evalue="<img src=x onerror=alert('evalue')>",
            traceback=["<script>alert('traceback')</script>"],
        ),
    ]
    code = new_code_cell("print('hello')", outputs=outputs, execution_count=1)
    code.metadata["tags"] = ["\"><script>alert('cell-tag')</script>"]
    code.metadata["alt"] = "\"><img src=x onerror=alert('cell-alt')>"
    raw = new_raw_cell("<script>alert('raw-html')</script>")
    raw.metadata["raw_mimetype"] = "text/html"
    notebook.cells = [
        new_markdown_cell("# An injection notebook\n\nThe maths must still render: $e^{i\\pi} + 1 = 0$."),
        *cells,
        code,
        raw,
    ]
    return notebook


def payload_count(notebook: nbformat.NotebookNode) -> int:
    """How many payloads the notebook holds (text cells, outputs, metadata, tags and raw cells)."""
    outputs = sum(len(cell.get("outputs", [])) for cell in notebook.cells)
    return len(MARKDOWN_PAYLOADS) + outputs + 3 + 2 + 1  # notebook metadata, cell tags and alt, raw cell
