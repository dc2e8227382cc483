"""A static audit of HTML: every element and attribute that could run script or load something.

Parsed with the standard library's parser, which lowercases names and decodes entities, so
`jav&#x09;ascript:` is seen as the browser would read it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ACTIVE_TAGS = set(
    "script style iframe frame object embed svg base form input button textarea audio picture source track "
    "applet template noscript maction".split()
)
# Attributes that run script, load a resource or send the reader somewhere (besides href and src).
LOADING_ATTRIBUTES = set(
    "style srcdoc srcset formaction action xlink:href poster background data codebase ping manifest".split()
)
SAFE_HREF = re.compile(r"^(https?://|mailto:|#|(\.\./)?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\.html(#[\w.-]*)?$)")
SAFE_SRC = re.compile(r"^(data:image/(png|jpeg|gif|webp|svg\+xml);base64,|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$)")


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and not any(
            name in ("charset", "name") or value == "Content-Security-Policy" for name, value in attrs
        ):
            self.problems.append(f"<meta {attrs}>")
        if tag == "link" and dict(attrs).get("href") not in ("style.css", "../style.css"):
            self.problems.append(f"<link {attrs}>")  # only the site's own stylesheet
        for name, value in attrs:
            value = re.sub(r"[\x00-\x20]", "", value or "")
            if name.startswith("on") or name in LOADING_ATTRIBUTES:
                self.problems.append(f"<{tag} {name}=...>")
            elif name == "href" and tag != "link" and not SAFE_HREF.match(value):
                self.problems.append(f"<{tag} href={value[:60]!r}>")
            elif name == "src" and not SAFE_SRC.match(value):
                self.problems.append(f"<{tag} src={value[:60]!r}>")


def audit(html: str) -> list[str]:
    """Everything in `html` that could run script or make a request other than to the site."""
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    return auditor.problems
