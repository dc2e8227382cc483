"""The Anki export, read back: an .apkg is a zip holding an SQLite collection."""

from __future__ import annotations

import json
import sqlite3
import zipfile

from ldl.curriculum.items import Card, load_cards
from ldl.review.anki import export_deck, stable_id, to_html


def read_deck(path, tmp_path):
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    notes = conn.execute("SELECT guid, flds, tags FROM notes").fetchall()
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    conn.close()
    return notes, {d["name"] for d in decks.values()}, cards


def test_every_card_is_in_the_deck_with_question_answer_and_unit(tmp_path):
    cards = load_cards()
    titles = {"math": "2. Mathematical foundations", "deep-rl": "5. Deep RL"}
    path = export_deck(cards, titles, tmp_path / "ldl.apkg")
    notes, decks, card_count = read_deck(path, tmp_path)
    assert len(notes) == len(cards) == card_count
    assert {"ldl::2. Mathematical foundations", "ldl::5. Deep RL"} <= decks
    fields = [flds.split("\x1f") for _, flds, _ in notes]
    by_unit = {f[2] for f in fields}
    assert {c.unit for c in cards} == by_unit
    sample = next(c for c in cards if c.id == "deep-rl.ppo.clip")
    row = next(f for f in fields if "clipped surrogate" in f[0])
    assert sample.unit == row[2] and r"\(" in row[1]  # maths in Anki's MathJax delimiters


def test_exporting_twice_gives_the_same_note_ids(tmp_path):
    cards = load_cards()[:5]
    first, _, _ = read_deck(export_deck(cards, {}, tmp_path / "a.apkg"), tmp_path / "a")
    second, _, _ = read_deck(export_deck(cards, {}, tmp_path / "b.apkg"), tmp_path / "b")
    assert sorted(g for g, _, _ in first) == sorted(g for g, _, _ in second)


def test_markdown_and_maths_become_html_and_mathjax():
    html = to_html("Use `x < y` and **this**, *not* that: $a_t < b$.\n\n$$\\sum_i x_i$$")
    assert "<code>x &lt; y</code>" in html and "<b>this</b>" in html and "<i>not</i>" in html
    assert r"\(a_t &lt; b\)" in html and r"\[\sum_i x_i\]" in html
    assert html.count("<p>") == 2


def test_script_in_a_card_is_escaped(tmp_path):
    evil = Card(id="x.y", unit="x.y", question="<script>alert(1)</script>", answer="ok")
    notes, _, _ = read_deck(export_deck([evil], {}, tmp_path / "e.apkg"), tmp_path)
    assert "<script>" not in notes[0][1] and "&lt;script&gt;" in notes[0][1]


def test_ids_are_stable():
    assert stable_id("ldl::1. Practical") == stable_id("ldl::1. Practical") != stable_id("ldl::2")
