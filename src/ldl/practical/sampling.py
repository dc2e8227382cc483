"""Generating text from a character language model, one sampled character at a time.

A language model outputs logits z (one per character in the vocabulary) for the next character.
Sampling with temperature T draws the next character i with probability

    p_i = exp(z_i / T) / sum_j exp(z_j / T)

T = 1 samples from the model's own distribution; T < 1 sharpens it (safer, more repetitive text);
T > 1 flattens it (more surprising, more misspelt). T -> 0 always picks the most likely character.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence


def temperature_probabilities(logits, temperature: float):
    """(..., V) logits -> (..., V) probabilities of softmax(logits / temperature); T=0 is one-hot argmax."""
    import torch

    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, not {temperature}")
    if temperature == 0:
        return torch.nn.functional.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits / temperature, dim=-1)


def sample_next(logits, temperature: float, generator=None) -> int:
    """Draw one index from (V,) `logits` at `temperature`, using the torch `generator` if given."""
    import torch

    probabilities = temperature_probabilities(logits.float(), temperature)  # (V,)
    return int(torch.multinomial(probabilities, 1, generator=generator))


def generate(
    model, vocab: Sequence[str], prompt: str, num_chars: int, temperature: float, seed: int = 0
) -> str:
    """Continue `prompt` by `num_chars` characters sampled from a character language model.

    The model (`ldl.practical.language_model.CharLSTM`) keeps its hidden state between calls, so
    we feed the prompt once, then one character at a time. It returns (1, L, V) logits.
    Each step is a tiny computation, so it runs on one thread: splitting it across threads costs
    more than it saves (on a busy machine, 50x more).
    """
    import torch

    from ldl.practical.loaders import encode_chars

    generator = torch.Generator().manual_seed(seed)
    ids = torch.from_numpy(encode_chars(prompt, vocab))[None]  # (1, L)
    model.eval()
    model.reset()
    out = []
    with torch.no_grad(), one_thread():
        for _ in range(num_chars):
            logits = model(ids)[0, -1]  # (V,): scores for the character after the last one
            next_id = sample_next(logits, temperature, generator)
            out.append(vocab[next_id])
            ids = torch.tensor([[next_id]])  # (1, 1)
    model.reset()
    return prompt + "".join(out)


@contextlib.contextmanager
def one_thread():
    """Run the block with torch limited to one thread, then restore the previous setting."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)
