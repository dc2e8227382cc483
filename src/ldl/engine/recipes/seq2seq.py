"""Reference run `deep-dive.seq2seq`: a GRU encoder-decoder with attention that normalises dates.

    "3rd of March 1998", "March 3, 1998", "03/03/98", "tue, 3 mar 98" ... -> "1998-03-03"

The encoder reads the source characters; the decoder writes the ISO date one character at a time,
and at every step *attends* over the encoder's states (Luong et al., 2015, "general" scores):

    enc (B, S, 2H) = [GRU(embed(source)); the same read right to left]   (both directions)
    dec (B, T, H)  = GRU(embed(previous output characters))
    score[t, s] = dec_t^T W_a enc_s        a[t] = softmax_s(score[t] + mask)        (B, T, S)
    ctx_t = sum_s a[t, s] enc_s            logits_t = W_o tanh(W_c [dec_t; ctx_t])   (B, T, V)

Training feeds the true previous character (teacher forcing); decoding feeds the model's own, either
greedily (the most likely character each step) or by beam search (keep the `beam_width` best
partial outputs by total log-probability). Reports exact-match accuracy of both on fresh dates.

    from ldl.engine.recipes import seq2seq
    result = seq2seq.train(seq2seq.Config(fast=True))
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

import numpy as np

from ldl.engine import Tensor, cat, manual_seed, nn, no_grad, optim
from ldl.engine.data import ArrayDataset, DataLoader
from ldl.engine.recipes.common import Result, finish, fit, stopped, threads
from ldl.engine.recipes.text import sequence_loss

MONTHS = "January February March April May June July August September October November December".split()
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PAD, START, END = "_", "^", "$"  # source padding; decoder start and end symbols
SOURCE_CHARS = PAD + " ,./0123456789" + string.ascii_letters
TARGET_CHARS = START + END + "-0123456789"
SOURCE_LENGTH, TARGET_LENGTH = 32, 11  # "YYYY-MM-DD" and the end symbol


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def human_date(date: dt.date, style: int) -> str:
    """One of nine ways people write `date`; "dd/mm" is day first (the British order)."""
    d, m, y, month, weekday = date.day, date.month, date.year, MONTHS[date.month - 1], DAYS[date.weekday()]
    return [
        f"{ordinal(d)} of {month} {y}",  # 3rd of March 1998
        f"{month} {d}, {y}",  # March 3, 1998
        f"{d:02d}/{m:02d}/{y % 100:02d}",  # 03/03/98
        f"{d} {month[:3]} {y}",  # 3 Mar 1998
        f"{weekday}, {d} {month} {y}",  # Tuesday, 3 March 1998
        f"{d}/{m}/{y}",  # 3/3/1998
        f"{month.lower()[:3]} {d} {y % 100:02d}",  # mar 3 98
        f"{weekday[:3].lower()}, {d} {month[:3].lower()} {y % 100:02d}",  # tue, 3 mar 98
        f"{y}.{m:02d}.{d:02d}",  # 1998.03.03
    ][style]


def make_dates(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (human, ISO) pairs, dates uniform over 1950-2049 (so "98" means 1998 and "07" 2007),
    styles uniform; a function of `seed` alone."""
    rng = np.random.default_rng(seed)
    first, span = (
        dt.date(1950, 1, 1).toordinal(),
        dt.date(2050, 1, 1).toordinal() - dt.date(1950, 1, 1).toordinal(),
    )
    days, styles = rng.integers(0, span, size=count), rng.integers(0, 9, size=count)
    dates = [dt.date.fromordinal(first + int(day)) for day in days]
    return [
        (human_date(date, int(style)), date.isoformat()) for date, style in zip(dates, styles, strict=True)
    ]


def encode_source(texts: list[str]) -> np.ndarray:
    """Source ids (N, SOURCE_LENGTH), padded on the LEFT so the encoder's last state follows the text."""
    ids = np.zeros((len(texts), SOURCE_LENGTH), dtype=np.int64)
    for row, text in enumerate(texts):
        ids[row, SOURCE_LENGTH - len(text) :] = [SOURCE_CHARS.index(c) for c in text]
    return ids


def encode_target(isos: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Decoder inputs "^1998-03-03" and targets "1998-03-03$", each (N, TARGET_LENGTH)."""
    ids = np.array([[TARGET_CHARS.index(c) for c in START + iso + END] for iso in isos], dtype=np.int64)
    return ids[:, :-1], ids[:, 1:]


def decode_target(ids) -> str:
    text = "".join(TARGET_CHARS[i] for i in ids)
    return text.split(END)[0]


def date_arrays(pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """x = [source ids | decoder inputs] (N, S + T) (one array, so the Learner can carry it) and y (N, T)."""
    decoder_in, targets = encode_target([iso for _, iso in pairs])
    return np.concatenate([encode_source([text for text, _ in pairs]), decoder_in], axis=1), targets


@dataclass
class Config:
    """Hyperparameters of the date translator."""

    seed: int = 0
    """Seeds the weights and the generated dates (the test dates use seed + 1000)."""
    num_train: int = 20_000
    """Generated training pairs."""
    num_test: int = 1_000
    """Fresh pairs for the exact-match accuracies."""
    embed_size: int = 32
    """Size of each character's learned vector (source and target have their own)."""
    hidden_size: int = 128
    """GRU state size of the encoder and of the decoder."""
    batch_size: int = 64
    """Pairs per optimizer step."""
    lr: float = 5e-3
    """Peak learning rate of the one-cycle schedule (AdamW)."""
    max_grad_norm: float = 1.0
    """Gradients are rescaled so that their global norm is at most this (recurrent nets spike)."""
    num_epochs: int = 3
    """Passes over the training pairs."""
    beam_width: int = 4
    """Hypotheses kept by beam search."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores; one is fastest on a busy machine)."""
    fast: bool = False
    """A quick check: 1,024 training pairs, 1 epoch, 200 validation and 100 test pairs (clears the
    character-frequency baseline, the fast test's bar, but is far from a working translator)."""


class DateTranslator(nn.Module):
    def __init__(self, config: Config):
        embed, hidden = config.embed_size, config.hidden_size
        self.source_embedding = nn.Embedding(len(SOURCE_CHARS), embed)
        self.encoder = nn.GRU(embed, hidden)  # reads left to right
        self.encoder_backward = nn.GRU(embed, hidden)  # reads right to left
        self.target_embedding = nn.Embedding(len(TARGET_CHARS), embed)
        self.decoder = nn.GRU(embed, hidden)
        self.attention = nn.Linear(2 * hidden, hidden, bias=False)  # W_a
        self.combine = nn.Linear(3 * hidden, hidden)  # W_c
        self.head = nn.Linear(hidden, len(TARGET_CHARS))  # W_o

    def encode(self, source: np.ndarray):
        """source ids (B, S) -> (keys W_a enc (B, S, H), values enc (B, S, 2H), mask (B, 1, S), state).

        Each position's value joins a left-to-right and a right-to-left state, so the "3" of
        "3 Mar" knows that a space, not a second digit, follows it: the day is "03", not "3?"."""
        embedded = self.source_embedding(source)  # (B, S, E)
        forward, state = self.encoder(embedded)  # (B, S, H), (1, B, H): state after the last char
        backward, _ = self.encoder_backward(embedded[:, ::-1])  # reversed: padding comes last
        encoded = cat([forward, backward[:, ::-1]], axis=-1)  # (B, S, 2H)
        mask = np.where(source == 0, -1e9, 0.0).astype(encoded.dtype)[:, None, :]  # padding gets no weight
        return self.attention(encoded), encoded, mask, state

    def decode(self, previous: np.ndarray, memory, state):
        """previous ids (B, T) -> (logits (B, T, V), new state, attention weights (B, T, S))."""
        keys, values, mask, _ = memory
        outputs, state = self.decoder(self.target_embedding(previous), state)  # (B, T, H)
        weights = (outputs @ keys.transpose(-2, -1) + mask).softmax(axis=-1)  # (B, T, S)
        context = weights @ values  # (B, T, H)
        logits = self.head(self.combine(cat([outputs, context], axis=-1)).tanh())  # (B, T, V)
        return logits, state, weights

    def forward(self, x: Tensor) -> Tensor:
        """x = [source (B, S) | decoder inputs (B, T)] -> logits (B, T, V) (teacher forcing)."""
        ids = x.data if isinstance(x, Tensor) else np.asarray(x)
        memory = self.encode(ids[:, :SOURCE_LENGTH])
        return self.decode(ids[:, SOURCE_LENGTH:], memory, memory[3])[0]


class ClippedAdamW(optim.AdamW):
    """AdamW that first rescales all gradients together when their global norm exceeds `max_norm`
    (g <- g * max_norm / ||g||): one unlucky batch cannot throw the weights far."""

    def __init__(self, params, max_norm: float, **kwargs):
        super().__init__(params, **kwargs)
        self.max_norm = max_norm

    def step(self) -> None:
        live = [p for p in self.params if p.grad is not None]
        norm = float(np.sqrt(sum(np.sum(p.grad.astype(np.float64) ** 2) for p in live)))
        if norm > self.max_norm:
            for p in live:
                p.grad = p.grad * (self.max_norm / norm)
        super().step()


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits.astype(np.float64) - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def greedy_decode(model: DateTranslator, source: np.ndarray, max_len: int = TARGET_LENGTH):
    """The most likely character at each step, for a batch of sources (B, S).

    Returns (ids (B, max_len), total log-probability of each output up to its end symbol (B,),
    attention weights (B, max_len, S))."""
    end = TARGET_CHARS.index(END)
    with no_grad():
        memory = model.encode(source)
        state, previous = memory[3], np.full((len(source), 1), TARGET_CHARS.index(START))
        ids, scores, weights = [], np.zeros(len(source)), []
        done = np.zeros(len(source), dtype=bool)
        for _ in range(max_len):
            logits, state, w = model.decode(previous, memory, state)
            log_probs = _log_softmax(logits.data[:, -1])  # (B, V)
            previous = log_probs.argmax(axis=-1)[:, None]  # (B, 1)
            scores += np.where(done, 0.0, log_probs[np.arange(len(source)), previous[:, 0]])
            done |= previous[:, 0] == end
            ids.append(previous[:, 0])
            weights.append(w.data[:, -1])
    return np.stack(ids, axis=1), scores, np.stack(weights, axis=1)


def beam_search(
    model: DateTranslator,
    source: np.ndarray,
    beam_width: int,
    max_len: int = TARGET_LENGTH,
    length_penalty: float = 0.0,
    memory=None,
):
    """Beam search for ONE source (S,), as in the beam_search exercise, with the model's
    log-probabilities in place of the table: extend every live hypothesis by every character, keep
    the `beam_width` best of all candidates (a stable sort: ties go to the earlier hypothesis and
    the smaller id), move those ending with END to the finished list. Returns (ids, log-prob).

    The live hypotheses travel as one batch through the decoder, each row with its own state.
    `memory`: the source's `model.encode(source[None])`, if already computed (see beam_search_all)."""
    start, end = TARGET_CHARS.index(START), TARGET_CHARS.index(END)
    with no_grad():
        keys, values, mask, state = model.encode(source[None]) if memory is None else memory
        live, finished = [([], 0.0)], []
        for _ in range(max_len):
            if not live:
                break
            rows = len(live)
            memory = (keys.expand(rows, *keys.shape[1:]), values.expand(rows, *values.shape[1:]), mask, None)
            previous = np.array([[tokens[-1] if tokens else start] for tokens, _ in live])  # (n, 1)
            logits, new_state, _ = model.decode(previous, memory, state)
            log_probs = _log_softmax(logits.data[:, -1])  # (n, V)
            totals = np.array([score for _, score in live])[:, None] + log_probs  # (n, V)
            best = np.argsort(-totals.ravel(), kind="stable")[:beam_width]
            parents, tokens = np.divmod(best, totals.shape[1])
            chosen = [
                (live[p][0] + [int(t)], float(totals[p, t])) for p, t in zip(parents, tokens, strict=True)
            ]
            finished += [c for c, t in zip(chosen, tokens, strict=True) if t == end]
            keep = [i for i, t in enumerate(tokens) if t != end]
            live = [chosen[i] for i in keep]
            state = Tensor(new_state.data[:, parents[keep]])  # (1, n', H): each survivor's parent state
        finished += live
    ranked = [score / len(tokens) ** length_penalty for tokens, score in finished]
    tokens, score = finished[int(np.argmax(ranked))]
    return tokens, score


def beam_search_all(
    model: DateTranslator, sources: np.ndarray, beam_width: int
) -> list[tuple[list[int], float]]:
    """`beam_search` for every row of sources (N, S), the encoder run once for all of them."""
    with no_grad():
        keys, values, mask, state = model.encode(sources)
    return [
        beam_search(
            model,
            row,
            beam_width,
            memory=(keys[i : i + 1], values[i : i + 1], mask[i : i + 1], state[:, i : i + 1]),
        )
        for i, row in enumerate(sources)
    ]


def exact_match(predictions: list[str], pairs: list[tuple[str, str]]) -> float:
    return float(np.mean([p == iso for p, (_, iso) in zip(predictions, pairs, strict=True)]))


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/seq2seq/<run-id>/, return greedy and beam exact-match accuracy."""
    manual_seed(config.seed)
    num_train, epochs, num_valid, num_test = (
        (1024, 1, 200, 100) if config.fast else (config.num_train, config.num_epochs, 500, config.num_test)
    )
    train_x, train_y = date_arrays(make_dates(num_train, config.seed))
    valid_x, valid_y = date_arrays(make_dates(num_valid, config.seed + 999))
    test_pairs = make_dates(num_test, config.seed + 1000)
    train_loader = DataLoader(
        ArrayDataset(train_x, train_y), config.batch_size, shuffle=True, seed=config.seed
    )
    valid_loader = DataLoader(ArrayDataset(valid_x, valid_y), batch_size=500)
    model = DateTranslator(config)
    optimizer = ClippedAdamW(model.parameters(), config.max_grad_norm, lr=config.lr, weight_decay=0.0)
    run, learner = fit(
        config,
        "seq2seq",
        model,
        sequence_loss,
        optimizer,
        train_loader,
        valid_loader,
        epochs,
        root=root,
        resume=resume,
        progress=progress,
    )
    if learner.interrupted:
        return stopped(run, learner)
    model.eval()
    with threads(config):
        source = encode_source([text for text, _ in test_pairs])
        greedy_ids, _, _ = greedy_decode(model, source)
        greedy = [decode_target(ids) for ids in greedy_ids]
        beams = [decode_target(tokens) for tokens, _ in beam_search_all(model, source, config.beam_width)]
    examples = "\n".join(
        f"{text!r:>32} -> {g}  (beam {b}, truth {iso})"
        for (text, iso), g, b in list(zip(test_pairs, greedy, beams))[:12]
    )
    return finish(
        run,
        learner,
        sample=examples,
        greedy_exact_match=exact_match(greedy, test_pairs),
        beam_exact_match=exact_match(beams, test_pairs),
    )
