"""CLI group: revisit what you learned, on a spaced-repetition schedule.

    ldl review [--limit N] [--retention R]   review the cards due now (single keys), or list them (--json)
    ldl review export FILE.apkg              every card as an Anki deck

The session is interactive: a question, any key (space or Enter) to reveal the answer, then one key to
rate how well you remembered it: 1 Again, 2 Hard, 3 Good, 4 Easy (q quits). Each rating is recorded
at once, so Ctrl-C or a closed terminal never loses one. The schedule itself (FSRS) lives in
`ldl.review`; this module only renders.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table

from ldl.cli import common, keys
from ldl.cli.path import current_goal, read_progress
from ldl.cli.terminal_math import markdown_for_terminal
from ldl.curriculum.items import load_cards
from ldl.curriculum.path import load_curriculum
from ldl.errors import LdlError
from ldl.progress.store import ProgressStore
from ldl.review import session
from ldl.review.schedule import RATINGS
from ldl.workspace import require_workspace

review_app = typer.Typer(help="Review cards on a spaced-repetition schedule (FSRS).", no_args_is_help=False)
KEYS = {"1": 1, "2": 2, "3": 3, "4": 4, "a": 1, "h": 2, "g": 3, "e": 4}


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


def scheduled_cards(store: ProgressStore):
    """The cards of the units the learner has started, in curriculum order."""
    curriculum = load_curriculum()
    progress = read_progress(store, curriculum)
    started = session.started_units(curriculum, progress, current_goal(store, curriculum))
    return session.cards_in_schedule(load_cards(), curriculum, started)


def due_count(store: ProgressStore) -> int:
    """How many cards are due now (for `ldl next`, `ldl status` and `ldl map`)."""
    return session.review_queue(store, scheduled_cards(store)).due_count


@review_app.callback(invoke_without_command=True)
def review(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Review at most this many cards.")
    ] = None,
    retention: Annotated[
        float | None,
        typer.Option("--retention", min=0.7, max=0.99, help="Desired retention (saved; default 0.9)."),
    ] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Review the cards due now: reveal, then rate 1 Again, 2 Hard, 3 Good, 4 Easy (q quits)."""
    if ctx.invoked_subcommand is not None:
        return
    with ProgressStore(require_workspace().progress_db) as store:
        if retention is not None:
            store.set_setting(session.RETENTION_SETTING, retention)
        queue = session.review_queue(store, scheduled_cards(store), limit=limit)
        if as_json or not queue.cards:
            common.emit(queue, render_queue, as_json)
            return
        run_session(store, queue)


def render_queue(queue: session.ReviewQueue) -> None:
    if not queue.cards:
        when = f" The next card falls due {queue.next_due}." if queue.next_due else ""
        where = "" if queue.cards_in_schedule else " Cards join the schedule when you start their unit."
        common.console.print(f"Nothing to review now.{when}{where}")
        return
    table = Table(title=f"{queue.due_count} card(s) due (desired retention {queue.retention:.2f})")
    for column in ("card", "unit", "new", "reviews"):
        table.add_column(column)
    for card in queue.cards:
        table.add_row(card.id, card.unit, "yes" if card.new else "", str(card.reviews))
    common.console.print(table)


def run_session(store: ProgressStore, queue: session.ReviewQueue) -> None:
    """Show each due card, reveal on a key, record the rating at once; a summary at the end."""
    console = common.console
    ratings: dict[int, int] = {}
    total = len(queue.cards)
    with keys.single_keys() as reader:
        for index, card in enumerate(queue.cards):
            console.print(ProgressBar(total=total, completed=index, width=40), f" {index}/{total}")
            label = "new card" if card.new else f"reviewed {card.reviews} time(s)"
            console.print(
                Panel(Markdown(markdown_for_terminal(card.question)), title=f"{card.unit} · {label}")
            )
            if _wait(reader, "Press space to reveal the answer (q to stop).") == "q":
                break
            console.print(Panel(Markdown(markdown_for_terminal(card.answer)), title="answer", style="green"))
            rating = _ask_rating(reader)
            if rating is None:
                break
            result = session.record_rating(store, card.id, rating)
            ratings[rating] = ratings.get(rating, 0) + 1
            console.print(f"[dim]{result.rating_name}: next review in {result.interval}.[/dim]\n")
    reviewed = sum(ratings.values())
    parts = ", ".join(f"{RATINGS[r]} {n}" for r, n in sorted(ratings.items())) or "none"
    left = total - reviewed
    console.print(
        f"Reviewed {reviewed} of {total} card(s) ({parts}).", f"{left} still due." if left else "All done."
    )


def _wait(reader, prompt: str) -> str:
    common.console.print(f"[dim]{prompt}[/dim]")
    if reader is None:  # not a terminal: read a line
        line = sys.stdin.readline()
        return "q" if line == "" or line.strip().lower() == "q" else " "
    while True:
        key = reader.read(3600)
        if key is not None:
            return key.lower()


def _ask_rating(reader) -> int | None:
    prompt = "How well did you remember it?  1 Again · 2 Hard · 3 Good · 4 Easy  (q to stop)"
    while True:
        key = _wait(reader, prompt) if reader is not None else _read_line_rating(prompt)
        if key == "q":
            return None
        if key in KEYS:
            return KEYS[key]
        common.console.print("[yellow]Press 1, 2, 3 or 4 (or q).[/yellow]")


def _read_line_rating(prompt: str) -> str:
    common.console.print(f"[dim]{prompt}[/dim]")
    line = sys.stdin.readline()
    return "q" if line == "" else line.strip().lower()[:1]


@review_app.command("export")
def export(
    target: Annotated[Path, typer.Argument(help="Where to write the deck, e.g. ldl.apkg.")],
    as_json: common.JsonOption = False,
) -> None:
    """Write the review cards as an Anki deck (.apkg), one subdeck per stage."""
    from ldl.review.anki import export_deck

    if target.suffix != ".apkg":
        raise LdlError(f"{target} does not end in .apkg", hint="Anki imports decks named like ldl.apkg.")
    curriculum = load_curriculum()
    cards = load_cards()
    titles = {stage.key: f"{stage.number}. {stage.title}" for stage in curriculum.syllabus.stages}
    path = export_deck(cards, titles, target)
    result = {"path": str(path), "cards": len(cards), "decks": len(titles)}
    common.emit(result, lambda r: common.console.print(f"Wrote {r['cards']} cards to {r['path']}."), as_json)
