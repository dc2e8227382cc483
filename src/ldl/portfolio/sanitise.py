"""What a portfolio page may contain, and the Content-Security-Policy that enforces it again.

A notebook is code that somebody ran; its saved outputs can hold anything: HTML with `<script>`,
event handlers (`<img onerror=...>`), `javascript:` links, SVG and MathML tricks, tracking pixels.
The site publishes them, so it must treat every byte of a notebook as hostile. Two independent
walls stand between that content and the reader's browser:

1. **An allow-list sanitiser** ([nh3](https://nh3.readthedocs.io), bindings to the Rust crate
   ammonia): all HTML made from the learner's files (notebooks, READMEs) is parsed as a browser
   would parse it, and only listed elements and attributes survive (the rest of a page is text
   the builder escapes). No `<script>`, `<style>`, `<iframe>`, `<form>`, `<svg>` element, no
   `on*` attribute, no `style` attribute. Links may point at `http`, `https`, `mailto` or a
   fragment (`#...`); images only at `data:image/...` URIs that the builder embedded (an image
   elsewhere would be a request leaving the site). MathML is kept, without any link attribute.
2. **A strict CSP**: `default-src 'none'` and nothing but same-origin stylesheets, images and
   media, and data-URI images. The site has no JavaScript at all (maths is MathML, rendered by
   the browser), so `script-src` stays `'none'`: even markup that got past the sanitiser could not
   run. `ldl portfolio serve` sends it as an HTTP header; every page repeats it in a `<meta>` tag
   for when the site is opened from disk or another static host (a meta CSP cannot carry
   `frame-ancestors`; the header does).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3

# The header form. `form-action`/`base-uri` stop a form or <base> from redirecting anything;
# `frame-ancestors 'none'` forbids framing the site (clickjacking); it only works as a header.
CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; media-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# Every response of the site should carry these (`ldl portfolio serve` sends them; so can a host).
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",  # a file is only ever what its type says
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The <meta> form: the same policy without the directives a meta tag ignores.
META_CSP = CSP.removesuffix("; frame-ancestors 'none'")

# MathML Core's elements: the maths on every page (latex2mathml writes them; browsers render them).
MATHML_TAGS = {
    "math", "semantics", "annotation", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac",
    "msqrt", "mroot", "mstyle", "merror", "mpadded", "mphantom", "msub", "msup", "msubsup", "munder",
    "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd", "menclose",
}  # fmt: skip
MATHML_ATTRIBUTES = {
    "display", "mathvariant", "displaystyle", "scriptlevel", "fence", "stretchy", "separator",
    "lspace", "rspace", "minsize", "maxsize", "symmetric", "largeop", "movablelimits", "accent",
    "accentunder", "linethickness", "width", "height", "depth", "columnalign", "rowalign",
    "columnspacing", "rowspacing", "columnlines", "rowlines", "frame", "notation", "encoding",
}  # fmt: skip

TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | MATHML_TAGS | {"main", "section"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(values) for tag, values in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    **{tag: MATHML_ATTRIBUTES for tag in MATHML_TAGS},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# Removed together with everything inside them (other unknown tags lose only the tag itself).
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea"}

# Embedded images the builder made, and nothing else: base64, a raster or SVG image type.
# (An SVG shown through <img> is inert: browsers run no script and load nothing from it.)
DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*$")
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)

# Given a relative image path found in content, return what to put in `src` (a data URI), or None.
ImageResolver = Callable[[str], str | None]


def clean(fragment: str, resolve_image: ImageResolver | None = None) -> str:
    """Sanitise a fragment of HTML for a portfolio page (see the module docstring).

    `resolve_image` turns a relative image path (`figures/loss.png` in a capstone's README) into a
    data URI, or refuses it (None). An image whose source is refused becomes a short note.
    """

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return value if SAFE_LINK.match(value.strip()) else None
        if attribute == "src":
            value = value.strip()
            if tag == "img":
                if DATA_IMAGE.match(value):
                    return value
                if resolve_image is not None and not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", value, re.I):
                    return resolve_image(value)
                return None
            return None  # only <img> may load anything, and only what the two lines above allow
        return value

    cleaned = nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},  # data: is narrowed to images above
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return IMAGE_TAG.sub(_refused_image, cleaned)


# An <img> as nh3 writes it: attribute values in double quotes, with no `"` inside them.
IMAGE_TAG = re.compile(r'<img((?:\s+[\w:.-]+(?:="[^"]*")?)*)\s*/?>')
ALT = re.compile(r'\salt="([^"]*)"')


def _refused_image(match: re.Match) -> str:
    """An image whose source was refused becomes a visible note instead of a broken picture."""
    if ' src="' in match.group(1):
        return match.group(0)
    alt = ALT.search(match.group(1))
    text = html.unescape(alt.group(1)) if alt else ""
    return f'<span class="note">[image left out{": " if text else ""}{html.escape(text)}]</span>'
