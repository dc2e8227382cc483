"""Revisiting concepts over time: review cards scheduled by FSRS, and their export to Anki.

    schedule.py   which cards are due, and what a rating does to a card (pure functions)
    session.py    one review session against the progress store: due cards in, ratings recorded
    simulate.py   simulated learners with a known forgetting curve: FSRS vs fixed intervals
    anki.py       the cards as an Anki deck (.apkg)

Layer 3 (docs/ARCHITECTURE.md): it reads the curriculum and writes the progress store; `ldl review`
(in `ldl.cli.review`) only renders.
"""
