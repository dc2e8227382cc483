"""The sanitiser on its own: what survives, what does not, and the CSP it is paired with."""

from __future__ import annotations

import base64

import pytest
from site_audit import audit
from site_payloads import MARKDOWN_PAYLOADS

from ldl.portfolio import notebook
from ldl.portfolio.sanitise import CSP, META_CSP, clean


@pytest.mark.parametrize("name,text", MARKDOWN_PAYLOADS, ids=[name for name, _ in MARKDOWN_PAYLOADS])
def test_no_payload_survives_markdown_rendering_and_sanitising(name, text):
    raw = notebook.markdown_to_html(text)
    assert audit(clean(raw)) == []


def test_the_audit_sees_the_payloads_before_sanitising():
    """The audit above could fail: on the raw rendering it finds something in nearly every payload
    (the rest are Markdown that markdown-it itself refuses, or images that need a resolver)."""
    found = [name for name, text in MARKDOWN_PAYLOADS if audit(notebook.markdown_to_html(text))]
    assert len(found) >= 22, found


def test_event_handlers_and_script_urls_are_removed_but_content_stays():
    assert clean("<b onclick='x()'>bold</b>") == "<b>bold</b>"
    assert clean("<a href='javascript:alert(1)'>x</a>") == '<a rel="noopener noreferrer nofollow">x</a>'
    assert 'href="https://example.org/"' in clean("<a href='https://example.org/'>ok</a>")
    assert 'href="#results"' in clean("<a href='#results'>ok</a>")
    assert "href" not in clean("<a href='other.ipynb'>a relative file is not published</a>")


def test_only_embedded_images_survive():
    png = "data:image/png;base64,iVBORw0KGgo="
    assert f'src="{png}"' in clean(f"<img src='{png}'>")
    assert "src" not in clean("<img src='data:text/html;base64,PHNjcmlwdD4='>")
    assert (
        clean("<img src='https://example.org/pixel.png' alt=\"<b>\">")
        == '<span class="note">[image left out: &lt;b&gt;]</span>'
    )
    assert "src" not in clean("<img src='//example.org/pixel.png'>")
    assert "src" not in clean("<img src='/etc/passwd'>")


def test_mathml_is_kept_without_links():
    html = clean(
        "<math display='block' href='javascript:alert(1)'><mfrac><mi>a</mi><mn>2</mn></mfrac></math>"
    )
    assert html == '<math display="block"><mfrac><mi>a</mi><mn>2</mn></mfrac></math>'


def test_relative_images_are_embedded_from_the_project_folder_only(tmp_path):
    project = tmp_path / "project"
    (project / "figures").mkdir(parents=True)
    (project / "figures" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nsecret")
    (project / "figures" / "link.png").symlink_to(tmp_path / "secret.png")
    resolve = notebook.folder_images(project)
    embedded = resolve("figures/a.png")
    assert embedded == "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()
    assert resolve("../secret.png") is None
    assert resolve("figures/link.png") is None  # a link leading out of the project
    assert resolve("figures/missing.png") is None
    (project / "notes.txt").write_text("not an image")
    assert resolve("notes.txt") is None


def test_markdown_maths_becomes_mathml_and_attachments_become_data_uris():
    html = notebook.markdown_to_html(
        "Euler: $e^{i\\pi}+1=0$\n\n$$\\frac{a}{b}$$\n\n![p](attachment:p.png)",
        {"p.png": {"image/png": "iVBORw0KGgo="}},
    )
    cleaned = clean(html)
    assert (
        '<math display="inline">' in cleaned and '<math display="block">' in cleaned and "<mfrac>" in cleaned
    )
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in cleaned
    assert notebook.latex_output_to_mathml("$$x^2$$").startswith("<math")


def test_the_policy_allows_no_script_and_no_other_origin():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["default-src"] == "'none'" and "script-src" not in directives  # falls back to 'none'
    assert directives["img-src"] == "'self' data:" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and "frame-ancestors" not in META_CSP
    assert "http" not in CSP and "*" not in CSP
