"""Reference run `deep-dive.word2vec`: skip-gram with negative sampling (SGNS) on Shakespeare.

Each word w gets two vectors: v_w when it is the centre of a window, u_w when it is a context.
For a pair (centre c, context o) seen within `window` words of each other, and K "negative" words
n_1..n_K drawn from the noise distribution P_n(w) ∝ count(w)^0.75 (Mikolov et al., 2013):

    loss(c, o) = -log σ(u_o · v_c) - Σ_k log σ(-u_{n_k} · v_c)
    ∂/∂v_c = -σ(-u_o·v_c) u_o + Σ_k σ(u_{n_k}·v_c) u_{n_k}      ∂/∂u_o = -σ(-u_o·v_c) v_c
    ∂/∂u_{n_k} = σ(u_{n_k}·v_c) v_c

Only the rows of the words in a batch change, so each step gathers those rows, computes their
gradients and scatters them back with np.add.at (a word can occur several times in a batch).
Frequent words are dropped at random, each occurrence kept with probability
min(1, sqrt(t/f) + t/f) for a word of frequency f (word2vec's own formula): "the" and "and" then
stop drowning out the pairs that carry meaning. Numpy only; no autograd is needed.

    from ldl.engine.recipes import word2vec
    vectors = word2vec.fit_vectors(word2vec.Config(fast=True))
    vectors.nearest("king")
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass

import numpy as np

from ldl.engine.recipes.common import STAGE, Result, threads

RELATED_PAIRS = [  # pairs a reader would call related; the test of the embedding's geometry
    ("king", "queen"), ("lord", "lady"), ("father", "mother"), ("son", "daughter"),
    ("brother", "sister"), ("husband", "wife"), ("man", "woman"), ("he", "she"), ("his", "her"),
    ("day", "night"), ("sun", "moon"), ("heaven", "earth"), ("life", "death"), ("thou", "thee"),
    ("thy", "thine"), ("sir", "madam"), ("duke", "prince"), ("come", "go"), ("good", "bad"),
    ("eyes", "tears"), ("sword", "blood"), ("love", "heart"),
]  # fmt: skip
QUERIES = ["king", "love", "night", "thou", "death", "sword"]
ANALOGIES = [("man", "king", "woman"), ("he", "his", "she"), ("father", "son", "mother")]
PLOT_WORDS = [w for pair in RELATED_PAIRS for w in pair] + ["romeo", "juliet", "rome", "england"]


@dataclass
class Config:
    """Hyperparameters of skip-gram with negative sampling."""

    seed: int = 0
    """Seeds the initial vectors, the subsampling, the windows and the negatives."""
    embed_size: int = 64
    """Length of each word vector."""
    window: int = 5
    """Largest distance between centre and context; each centre draws its own window in 1..window."""
    negatives: int = 5
    """Noise words per (centre, context) pair: K."""
    min_count: int = 5
    """Words seen fewer times are dropped from the corpus (too rare to learn)."""
    subsample: float = 1e-3
    """t in the keep probability min(1, sqrt(t/f) + t/f); 0 keeps every word."""
    noise_power: float = 0.75
    """The noise distribution is unigram^noise_power (1: as frequent as in the text; 0: uniform)."""
    lr: float = 0.1
    """Learning rate per pair at the start, decayed linearly to 0.0001 x lr (plain SGD). word2vec's
    own default is 0.025, made for billions of words; on this small corpus 0.1 gave clearly sharper
    neighbours in 5 epochs (with 0.025 the frequent words still crowd together)."""
    batch_size: int = 1024
    """Pairs per step."""
    num_epochs: int = 5
    """Passes over the (re-subsampled) corpus."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores)."""
    fast: bool = False
    """A quick check: the first 200,000 characters (or the fast-mode stand-in, announced), a window
    of at most 3, 3 epochs: the loss falls well below the no-learning 6 ln 2, the meanings barely start."""


class Vocabulary:
    """Words in order of frequency, their counts, and the text as ids (rare words dropped)."""

    def __init__(self, text: str, min_count: int):
        words = tokenize(text)
        names, counts = np.unique(words, return_counts=True)
        order = np.lexsort((names, -counts))  # most frequent first, ties alphabetical
        keep = order[counts[order] >= min_count]
        self.words: list[str] = [str(w) for w in names[keep]]
        self.counts = counts[keep].astype(np.int64)  # (V,)
        self.index = {w: i for i, w in enumerate(self.words)}
        self.ids = np.array([self.index[w] for w in words if w in self.index], dtype=np.int64)  # (N,)

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> list[str]:
    """Lower-case words, apostrophes kept inside ("o'er", "thou'rt")."""
    return re.findall(r"[a-z]+(?:'[a-z]+)*", text.lower())


def keep_probabilities(counts: np.ndarray, t: float) -> np.ndarray:
    """P(keep an occurrence of w) = min(1, sqrt(t/f_w) + t/f_w), f_w the word's frequency."""
    if t <= 0:
        return np.ones(len(counts))
    ratio = t / (counts / counts.sum())
    return np.minimum(1.0, np.sqrt(ratio) + ratio)


def noise_distribution(counts: np.ndarray, power: float = 0.75) -> np.ndarray:
    """P_n(w) ∝ count(w)^power: rare words are drawn more often than their frequency says."""
    weights = counts.astype(np.float64) ** power
    return weights / weights.sum()


def skipgram_pairs(ids: np.ndarray, keep: np.ndarray, window: int, rng: np.random.Generator):
    """(centres (P,), contexts (P,)) from one subsampled pass, in a random order.

    Each occurrence i draws its window b_i in 1..window; a pair (i, i ± o) is kept when o <= b_i
    (word2vec's "dynamic window": near neighbours count more often than far ones)."""
    kept = ids[rng.random(len(ids)) < keep[ids]]  # (N',)
    reach = rng.integers(1, window + 1, size=len(kept))  # (N',)
    centres, contexts = [], []
    for offset in range(1, window + 1):
        left = np.flatnonzero(reach[offset:] >= offset) + offset  # centre i, context i - offset
        right = np.flatnonzero(reach[:-offset] >= offset)  # centre i, context i + offset
        centres += [kept[left], kept[right]]
        contexts += [kept[left - offset], kept[right + offset]]
    centres, contexts = np.concatenate(centres), np.concatenate(contexts)
    order = rng.permutation(len(centres))
    return centres[order], contexts[order]


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def pair_gradients(center_vectors, context_vectors, centers, contexts, negatives):
    """Per-pair losses (B,) and the gradients of their SUM with respect to the gathered rows:
    v_c (B, d), u_o (B, d), u_n (B, K, d). The maths of the skipgram_negative_sampling exercise."""
    v = center_vectors[centers]  # (B, d)
    u_pos = context_vectors[contexts]  # (B, d)
    u_neg = context_vectors[negatives]  # (B, K, d)
    s_pos = np.sum(u_pos * v, axis=-1)  # (B,)
    s_neg = np.einsum("bkd,bd->bk", u_neg, v)  # (B, K)
    losses = np.logaddexp(0.0, -s_pos) + np.logaddexp(0.0, s_neg).sum(axis=1)  # softplus: stable
    g_pos, g_neg = -_sigmoid(-s_pos), _sigmoid(s_neg)  # d loss / d s_pos (B,), d loss / d s_neg (B, K)
    grad_v = g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg)  # (B, d)
    return losses, grad_v, g_pos[:, None] * v, g_neg[:, :, None] * v[:, None, :]


def skipgram_loss_and_grads(center_vectors, context_vectors, centers, contexts, negatives):
    """The mean SGNS loss over a batch and its gradients as full (V, d) matrices, with the
    skipgram_negative_sampling exercise's name and signature (for checking; training uses `sgd_step`)."""
    losses, grad_v, grad_pos, grad_neg = pair_gradients(
        center_vectors, context_vectors, centers, contexts, negatives
    )
    batch = len(centers)
    grad_center = np.zeros_like(center_vectors, dtype=np.float64)
    grad_context = np.zeros_like(context_vectors, dtype=np.float64)
    np.add.at(grad_center, centers, grad_v / batch)  # repeated ids add up
    np.add.at(grad_context, contexts, grad_pos / batch)
    np.add.at(grad_context, negatives, grad_neg / batch)
    return float(losses.mean()), grad_center, grad_context


def scatter_add(matrix: np.ndarray, rows: np.ndarray, values: np.ndarray) -> None:
    """matrix[rows[i]] += values[i] for every i, in place, repeated rows adding up.

    np.add.at on the flattened matrix (one index per element): numpy's fast 1-D path, about 3x
    quicker here than np.add.at(matrix, rows, values) on rows of a 2-D matrix."""
    width = matrix.shape[1]
    flat = (rows.reshape(-1, 1) * width + np.arange(width)).ravel()  # (n * d,)
    np.add.at(matrix.reshape(-1), flat, values.reshape(-1).astype(matrix.dtype, copy=False))


def sgd_step(center_vectors, context_vectors, centers, contexts, negatives, lr: float) -> float:
    """One SGD step of size `lr` per pair, in place, touching only the rows in the batch.
    Returns the batch's mean loss (before the step)."""
    losses, grad_v, grad_pos, grad_neg = pair_gradients(
        center_vectors, context_vectors, centers, contexts, negatives
    )
    scatter_add(center_vectors, centers, -lr * grad_v)
    scatter_add(context_vectors, contexts, -lr * grad_pos)
    scatter_add(context_vectors, negatives, -lr * grad_neg)
    return float(losses.mean())


class WordVectors:
    """Trained vectors (the centre vectors v) with their vocabulary, and ways to look at them."""

    def __init__(self, vocab: Vocabulary, vectors: np.ndarray, history: list[dict] | None = None):
        self.vocab, self.vectors, self.history = vocab, vectors, history or []
        self.unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)  # (V, d)
        self.interrupted = False  # stopped early by `interrupt`; `checkpoint` then holds the state
        self.checkpoint: dict | None = None  # the state at the start of the last epoch begun

    def __contains__(self, word: str) -> bool:
        return word in self.vocab.index

    def cosine(self, a: str, b: str) -> float:
        return float(self.unit[self.vocab.index[a]] @ self.unit[self.vocab.index[b]])

    def _closest(self, query: np.ndarray, exclude: set[str], k: int) -> list[tuple[str, float]]:
        sims = self.unit @ (query / np.linalg.norm(query))  # (V,): cosine with every word
        ranked = [i for i in np.argsort(-sims, kind="stable") if self.vocab.words[i] not in exclude]
        return [(self.vocab.words[i], float(sims[i])) for i in ranked[:k]]

    def nearest(self, word: str, k: int = 8) -> list[tuple[str, float]]:
        """The k words of highest cosine similarity to `word` (itself left out)."""
        return self._closest(self.unit[self.vocab.index[word]], {word}, k)

    def analogy(self, a: str, b: str, c: str, k: int = 3) -> list[tuple[str, float]]:
        """a is to b as c is to ...? The words nearest to b - a + c (a, b, c left out)."""
        query = (
            self.unit[self.vocab.index[b]] - self.unit[self.vocab.index[a]] + self.unit[self.vocab.index[c]]
        )
        return self._closest(query, {a, b, c}, k)

    def pair_scores(self, pairs=RELATED_PAIRS) -> dict[str, float]:
        """How much closer related words are than unrelated ones, with word frequency held fixed.

        related_cosine: mean cosine of the `pairs` present in the vocabulary; random_cosine: mean
        cosine of every OTHER pairing of the same words (frequent words share a direction early in
        training, so unrelated pairs of frequent words are the fair baseline, not random rare words);
        margin: their difference; pair_accuracy: the fraction of (related, other) comparisons in
        which a word is closer to its partner than to another word of the list (0.5 by chance)."""
        present = [(a, b) for a, b in pairs if a in self and b in self]
        words = sorted({w for pair in present for w in pair})
        ids = [self.vocab.index[w] for w in words]
        sims = self.unit[ids] @ self.unit[ids].T  # (n, n)
        related = np.zeros_like(sims, dtype=bool)
        for a, b in present:
            related[words.index(a), words.index(b)] = related[words.index(b), words.index(a)] = True
        other = ~related & ~np.eye(len(words), dtype=bool)
        wins = [np.mean(sims[i, j] > sims[i][other[i]]) for i, j in zip(*np.nonzero(related), strict=True)]
        scores = {"related_cosine": float(sims[related].mean()), "random_cosine": float(sims[other].mean())}
        return {
            **scores,
            "margin": scores["related_cosine"] - scores["random_cosine"],
            "pair_accuracy": float(np.mean(wins)),
            "pairs": len(present),
        }


def corpus(fast: bool) -> str:
    """Tiny Shakespeare or the nine plays (`ldl.data.load_text_corpus`); fast mode: its first
    200,000 characters, or Hamlet when no corpus can be had here (announced)."""
    from ldl.data.fallbacks import load_text_corpus

    text = load_text_corpus(fast=fast)
    return text[:200_000] if fast else text


def fit_vectors(
    config: Config, text: str | None = None, on_step=None, interrupt=None, state=None
) -> WordVectors:
    """Train SGNS on `text` (default: `corpus(config.fast)`) and return the vectors.

    `on_step(step, total, epoch, loss, lr)` is called every 50 steps; `interrupt.requested` stops the
    run at the end of a step. `state` (from a checkpoint) resumes at the start of its epoch; the
    pairs of epoch e are a function of (seed, e) alone, so a resumed run ends where a plain one does."""
    vocab = Vocabulary(corpus(config.fast) if text is None else text, config.min_count)
    size, epochs = config.embed_size, 3 if config.fast else config.num_epochs
    window = min(config.window, 3) if config.fast else config.window
    rng = np.random.default_rng(config.seed)
    center = ((rng.random((len(vocab), size)) - 0.5) / size).astype(np.float32)  # (V, d), word2vec's init
    context = np.zeros((len(vocab), size), dtype=np.float32)  # (V, d)
    keep = keep_probabilities(vocab.counts, config.subsample)
    noise_cdf = np.cumsum(noise_distribution(vocab.counts, config.noise_power))  # (V,)
    expected = int(np.sum(vocab.counts * np.minimum(keep, 1.0)) * (window + 1))  # pairs per epoch
    total = epochs * max(expected // config.batch_size, 1)
    history, step, first_epoch = [], 0, 0
    if state is not None:
        center, context = np.array(state["center"]), np.array(state["context"])
        first_epoch, step, history = int(state["epoch"]), int(state["step"]), list(state["history"])
    vectors = WordVectors(vocab, center, history)  # what an interrupted run returns
    for epoch in range(first_epoch, epochs):
        vectors.checkpoint = {
            "center": center.copy(),
            "context": context.copy(),
            "epoch": epoch,
            "step": step,
            "history": list(history),
        }
        epoch_rng = np.random.default_rng([config.seed, epoch])
        centres, contexts = skipgram_pairs(vocab.ids, keep, window, epoch_rng)
        losses = []
        for start in range(0, len(centres), config.batch_size):
            batch = slice(start, start + config.batch_size)
            negatives = np.searchsorted(noise_cdf, epoch_rng.random((len(centres[batch]), config.negatives)))
            negatives = np.minimum(negatives, len(vocab) - 1)  # (B, K); guards cdf[-1] < 1 by rounding
            lr = config.lr * max(1e-4, 1.0 - step / total)
            losses.append(sgd_step(center, context, centres[batch], contexts[batch], negatives, lr))
            step += 1
            if on_step is not None and step % 50 == 0:
                on_step(step, total, epoch, float(np.mean(losses[-50:])), lr)
            if interrupt is not None and interrupt.requested:
                vectors.interrupted = True
                return vectors
        history.append({"epoch": epoch, "loss": float(np.mean(losses)), "pairs": len(centres)})
    return WordVectors(vocab, center, history)


def plot_words(
    vectors: WordVectors, words: list[str], title: str = "Word vectors, first two principal components"
):
    """A 2-D PCA projection of the chosen words' (unit) vectors, labelled."""
    import matplotlib.pyplot as plt

    words = [w for w in words if w in vectors]
    points = vectors.unit[[vectors.vocab.index[w] for w in words]]  # (n, d)
    centred = points - points.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    xy = centred @ axes[:2].T  # (n, 2)
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.scatter(xy[:, 0], xy[:, 1], s=12)
    for (x, y), word in zip(xy, words, strict=True):
        ax.annotate(word, (x, y), xytext=(3, 3), textcoords="offset points")
    ax.set(title=title, xlabel="PC 1", ylabel="PC 2")
    return fig


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/word2vec/<run-id>/, return the pair scores and nearest words."""
    from ldl.tracking import GracefulInterrupt, Progress, start_run

    run = start_run(STAGE, "word2vec", config, root=root, resume=resume)
    state = run.resumed.state if run.resumed else None

    def on_step(step, total, epoch, loss, lr):
        run.log(step=step, loss=loss, lr=lr)
        if step % 1000 == 0:  # stderr: stdout is for --json
            print(f"step {step}/{total}  epoch {epoch + 1}  loss {loss:.4f}", file=sys.stderr)
        if progress is not None:
            progress(Progress(step, total, epoch, {"loss": loss}))

    began = time.perf_counter()
    with threads(config), GracefulInterrupt() as interrupt:
        vectors = fit_vectors(config, on_step=on_step, interrupt=interrupt, state=state)
    if vectors.interrupted:  # saved: the state at the start of the interrupted epoch
        run.checkpoints.save(vectors.checkpoint, vectors.checkpoint["step"])
        run.close("interrupted")
        return Result({"steps": vectors.checkpoint["step"]}, run.dir, vectors.history, interrupted=True)
    seconds = time.perf_counter() - began
    scores = vectors.pair_scores()
    lines = [
        f"{q}: " + ", ".join(f"{w} {s:.2f}" for w, s in vectors.nearest(q, 6))
        for q in QUERIES
        if q in vectors
    ]
    for a, b, c in [words for words in ANALOGIES if all(w in vectors for w in words)]:
        lines.append(f"{a} : {b} :: {c} : " + ", ".join(w for w, _ in vectors.analogy(a, b, c)))
    run.save_figure(plot_words(vectors, PLOT_WORDS), "projection")
    run.plot_metrics()
    metrics = {**scores, "vocabulary": len(vectors.vocab), "final_loss": vectors.history[-1]["loss"]}
    metrics["train_seconds"] = round(seconds, 1)
    (run.dir / "sample.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run.finish(**metrics)
    return Result(metrics, run.dir, vectors.history, "\n".join(lines))
