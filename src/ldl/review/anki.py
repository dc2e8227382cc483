"""The review cards as an Anki deck (.apkg), for learners who already review in Anki.

One note type ("ldl card": Question, Answer, Unit) and one deck per stage under "ldl", built with
`genanki`. Ids are stable (derived from the card ids), so importing a newer export updates the
notes instead of duplicating them. Markdown becomes simple HTML (code, bold, italics, paragraphs)
and `$...$` / `$$...$$` become Anki's MathJax delimiters `\\(...\\)` / `\\[...\\]`.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from pathlib import Path

from ldl.curriculum.items import Card

MODEL_ID = 1_607_392_319  # fixed forever: Anki matches note types by id
DECK_ROOT = "ldl"
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; max-width: 40em; margin: auto; }"


def to_html(markdown: str) -> str:
    """A small Markdown subset as HTML: paragraphs, `code`, **bold**, *italics*, and maths for MathJax."""
    maths: list[str] = []

    def keep(match: re.Match, opening: str, closing: str) -> str:
        maths.append(opening + html.escape(match.group(1), quote=False) + closing)
        return f"\x00{len(maths) - 1}\x00"

    text = re.sub(r"\$\$(.+?)\$\$", lambda m: keep(m, r"\[", r"\]"), markdown, flags=re.S)
    text = re.sub(r"(?<!\\)\$(.+?)(?<!\\)\$", lambda m: keep(m, r"\(", r"\)"), text)
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    paragraphs = [p.strip().replace("\n", " ") for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return re.sub("\x00(\\d+)\x00", lambda m: maths[int(m.group(1))], text)


def stable_id(text: str) -> int:
    """A positive id that never changes for the same text (Anki wants 64-bit ints)."""
    return 1_000_000_000 + zlib.crc32(text.encode("utf-8"))


def export_deck(cards: Sequence[Card], stage_titles: dict[str, str], target: Path) -> Path:
    """Write `cards` as an .apkg at `target`: one subdeck per stage, e.g. "ldl::5. Deep RL"."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "ldl card",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Unit"}],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Question}}<div style='color:#888;font-size:12px'>{{Unit}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}",
            }
        ],
        css=CSS,
    )
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        stage = card.unit.split(".")[0]
        name = f"{DECK_ROOT}::{stage_titles.get(stage, stage)}"
        deck = decks.setdefault(name, genanki.Deck(stable_id(name), name))
        note = genanki.Note(
            model=model,
            fields=[to_html(card.question), to_html(card.answer), html.escape(card.unit)],
            guid=genanki.guid_for(card.id),
            tags=[card.unit.replace(".", "::")],
        )
        deck.add_note(note)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(list(decks.values())).write_to_file(str(target))
    return target
