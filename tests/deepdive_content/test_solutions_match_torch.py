"""Stage 3's reference solutions (autograd, softmax, optimisers, schedules, clipping, init) against
PyTorch: the self-check proves the checks separate starter from solution; these prove the solution
the learner is graded against is right. Each reference is loaded as the grader loads it (conftest.py).
float64 throughout, rtol 1e-8 and atol 1e-10."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from solution_oracles import as_torch as t
from solution_oracles import close

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch
F = torch.nn.functional


def test_value_ops_and_topo_sort_match_torch(load):
    topo = load("topo_sort")
    value = sys.modules["value_ops"].Value
    a, b = value(0.7), value(-1.2)
    out = ((a * b + a**3).tanh() + (b * 2.0).relu() + a / b) * a
    topo.backward(out)
    ta, tb = t(0.7, True), t(-1.2, True)
    tout = ((ta * tb + ta**3).tanh() + (tb * 2.0).relu() + ta / tb) * ta
    tout.backward()
    close(out.data, tout)
    close([a.grad, b.grad], [ta.grad.item(), tb.grad.item()])


@pytest.mark.parametrize(
    ("a_shape", "b_shape"), [((2, 4, 3), (3, 5)), ((3,), (2, 3, 4)), ((2, 1, 4, 3), (3, 3)), ((3,), (3,))]
)
def test_matmul_backward_matches_torch(load, a_shape, b_shape):
    matmul = load("matmul_backward")
    rng = np.random.default_rng(0)
    a, b = t(rng.normal(size=a_shape), True), t(rng.normal(size=b_shape), True)
    out = a @ b
    g = torch.tensor(rng.normal(size=out.shape))
    out.backward(g)
    grad_a, grad_b = matmul.matmul_backward(a.detach().numpy(), b.detach().numpy(), g.numpy())
    close(grad_a, a.grad)
    close(grad_b, b.grad)


def test_softmax_backward_matches_torch(load):
    softmax = load("softmax_backward")
    rng = np.random.default_rng(1)
    x, g = rng.normal(size=(2, 3, 5)), rng.normal(size=(2, 3, 5))
    for axis in (0, 1, -1):
        for name, torch_fn in (("softmax", F.softmax), ("log_softmax", F.log_softmax)):
            tx = t(x, True)
            out = torch_fn(tx, dim=axis)
            out.backward(torch.tensor(g))
            close(getattr(softmax, name)(x, axis), out)
            close(getattr(softmax, f"{name}_backward")(x, g, axis), tx.grad)


@pytest.mark.parametrize(
    ("momentum", "nesterov", "weight_decay"), [(0.0, False, 0.0), (0.9, False, 0.1), (0.9, True, 0.01)]
)
def test_sgd_matches_torch(load, momentum, nesterov, weight_decay):
    ours, theirs = _optimizer_runs(
        lambda params: load("sgd_momentum").SGD(
            params, lr=0.05, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay
        ),
        lambda params: torch.optim.SGD(
            params, lr=0.05, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay
        ),
    )
    close(ours, theirs)


@pytest.mark.parametrize(("decoupled", "weight_decay"), [(False, 0.0), (False, 0.1), (True, 0.1)])
def test_adam_matches_torch(load, decoupled, weight_decay):
    torch_class = torch.optim.AdamW if decoupled else torch.optim.Adam
    ours, theirs = _optimizer_runs(
        lambda params: load("adam").Adam(params, lr=0.01, weight_decay=weight_decay, decoupled=decoupled),
        lambda params: torch_class(params, lr=0.01, weight_decay=weight_decay),
    )
    close(ours, theirs)


class _Param:
    def __init__(self, data):
        self.data, self.grad = data.copy(), np.zeros_like(data)


def _optimizer_runs(make_ours, make_theirs, num_steps=12):
    """Both optimisers on L = sum(scales * x^2) / 2 from the same start; the final parameters."""
    rng = np.random.default_rng(3)
    start, scales = rng.normal(size=(3, 2)), np.array([[10.0, 1.0]])
    ours, theirs = _Param(start), t(start, True)
    our_optimizer, their_optimizer = make_ours([ours]), make_theirs([theirs])
    for _ in range(num_steps):
        ours.grad = scales * ours.data
        our_optimizer.step()
        their_optimizer.zero_grad()
        (torch.tensor(scales) * theirs**2 / 2).sum().backward()
        their_optimizer.step()
    assert np.isfinite(ours.data).all() and not np.allclose(ours.data, start)  # it moved, and stayed finite
    return ours.data, theirs


def test_lr_schedules_match_torch(load):
    schedules = load("lr_schedules")
    optimizer = torch.optim.SGD([t(np.zeros(1), True)], lr=0.1)
    one_cycle = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=0.1, total_steps=50, pct_start=0.3, cycle_momentum=False
    )
    rates = []
    for _ in range(50):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if len(rates) < 50:
            one_cycle.step()
    close([schedules.one_cycle(s, 0.1, 50, pct_start=0.3) for s in range(50)], rates)
    close(
        [schedules.step_decay(s, 0.1, 7, 0.5) for s in range(30)], [0.1 * 0.5 ** (s // 7) for s in range(30)]
    )


def test_gradient_clipping_matches_torch(load):
    clipping = load("gradient_clipping")
    rng = np.random.default_rng(9)
    arrays = [rng.normal(size=(4, 3)) * 5, rng.normal(size=3)]
    params = [t(a, True) for a in arrays]
    for p, a in zip(params, arrays, strict=True):
        p.grad = torch.tensor(a.copy())
    norm = torch.nn.utils.clip_grad_norm_(params, 2.0)
    grads = [a.copy() for a in arrays]
    close(clipping.clip_grad_norm(grads, 2.0), norm)
    for got, p in zip(grads, params, strict=True):
        close(got, p.grad)


def test_unbroadcast_matches_torch_autograd(load):
    unbroadcast = load("unbroadcast")
    rng = np.random.default_rng(11)
    for x_shape, w_shape in (((3, 1), (2, 3, 4)), ((4,), (2, 3, 4)), ((1, 1), (5, 1)), ((), (2, 2))):
        x, w = t(rng.normal(size=x_shape), True), t(rng.normal(size=w_shape))
        out = x * w
        g = rng.normal(size=out.shape)
        out.backward(torch.tensor(g))
        close(unbroadcast.unbroadcast(g * w.numpy(), x_shape), x.grad)


def test_init_schemes_have_the_documented_statistics(load):
    init = load("init_schemes")
    rng = np.random.default_rng(12)
    xavier = init.xavier_uniform((400, 600), rng)
    kaiming = init.kaiming_normal((64, 32, 3, 3), rng)
    assert abs(xavier.var() - 2 / 1000) < 2e-4  # Var = 2 / (fan_in + fan_out)
    assert abs(kaiming.std() - np.sqrt(2 / 288)) < 4e-3  # std = sqrt(2 / fan_in), fan_in = 32 * 9
    assert init.fan_in_and_fan_out((64, 32, 3, 3)) == (288, 576)


def test_generative_model_losses_match_torch(load):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    rng = np.random.default_rng(19)
    reparam = load("reparameterisation")
    mu, logvar, eps = (rng.normal(size=(4, 3)) for _ in range(3))
    tmu, tlogvar = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    z = tmu + torch.exp(0.5 * tlogvar) * torch.tensor(eps)
    grad_z = rng.normal(size=(4, 3))
    z.backward(torch.tensor(grad_z))
    np.testing.assert_allclose(reparam.sample_latent(mu, logvar, eps), z.detach().numpy(), rtol=1e-12)
    grad_mu, grad_logvar = reparam.sample_latent_backward(mu, logvar, eps, grad_z)
    np.testing.assert_allclose(grad_mu, tmu.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(grad_logvar, tlogvar.grad.numpy(), rtol=1e-12)
    posterior = torch.distributions.Normal(torch.tensor(mu), torch.exp(0.5 * torch.tensor(logvar)))
    prior = torch.distributions.Normal(torch.zeros(4, 3, dtype=torch.float64), 1.0)
    kl = torch.distributions.kl_divergence(posterior, prior).sum(-1)
    np.testing.assert_allclose(reparam.gaussian_kl(mu, logvar), kl.numpy(), rtol=1e-12)
    elbo = load("vae_elbo")
    logits, x = rng.normal(size=(4, 1, 3, 3)) * 5, rng.random((4, 1, 3, 3))
    expected = -F.binary_cross_entropy_with_logits(torch.tensor(logits), torch.tensor(x), reduction="none")
    np.testing.assert_allclose(
        elbo.bernoulli_log_likelihood(logits, x), expected.sum((1, 2, 3)).numpy(), rtol=1e-12
    )
    loss = (-expected.sum((1, 2, 3)) + 4.0 * kl).mean()
    np.testing.assert_allclose(elbo.negative_elbo(logits, x, mu, logvar, beta=4.0), loss.item(), rtol=1e-12)
    gan = load("gan_losses")
    real, fake = rng.normal(size=7) * 3, torch.tensor(rng.normal(size=5) * 3 - 2, requires_grad=True)
    bce = F.binary_cross_entropy_with_logits
    d_loss = bce(torch.tensor(real), torch.ones(7, dtype=torch.float64)) + bce(
        fake, torch.zeros(5, dtype=torch.float64)
    )
    np.testing.assert_allclose(gan.discriminator_loss(real, fake.detach().numpy()), d_loss.item(), rtol=1e-12)
    for saturating in (False, True):
        fake.grad = None
        if saturating:
            g_loss = -bce(fake, torch.zeros(5, dtype=torch.float64))  # mean log(1 - sigmoid)
        else:
            g_loss = bce(fake, torch.ones(5, dtype=torch.float64))
        g_loss.backward()
        logits_np = fake.detach().numpy()
        np.testing.assert_allclose(
            gan.generator_loss(logits_np, saturating=saturating), g_loss.item(), rtol=1e-12
        )
        np.testing.assert_allclose(
            gan.generator_loss_grad(logits_np, saturating=saturating), fake.grad.numpy(), rtol=1e-10
        )


def test_skipgram_gradients_match_torch_autograd(load):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    word2vec = load("skipgram_negative_sampling")
    rng = np.random.default_rng(61)
    center, context = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    centers, contexts = np.array([1, 1, 4, 6, 1]), np.array([2, 4, 4, 0, 3])
    negatives = rng.integers(0, 7, size=(5, 4))  # repeats within and across rows
    tc, tu = torch.tensor(center, requires_grad=True), torch.tensor(context, requires_grad=True)
    v = tc[torch.tensor(centers)]
    s_pos = (tu[torch.tensor(contexts)] * v).sum(-1)
    s_neg = torch.einsum("bkd,bd->bk", tu[torch.tensor(negatives)], v)
    loss = (F.softplus(-s_pos) + F.softplus(s_neg).sum(1)).mean()
    loss.backward()
    got_loss, grad_center, grad_context = word2vec.skipgram_loss_and_grads(
        center, context, centers, contexts, negatives
    )
    np.testing.assert_allclose(got_loss, loss.item(), rtol=1e-12)
    np.testing.assert_allclose(grad_center, tc.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(grad_context, tu.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_a_wide_enough_beam_finds_the_exhaustive_optimum(load):
    """With a beam as wide as every possible sequence, beam search is exhaustive search: compare it with
    brute-force enumeration of all sequences up to max_len (an end token finishes a sequence)."""
    import itertools

    search = load("beam_search")
    rng = np.random.default_rng(67)
    for trial in range(5):
        table = rng.random((4, 4)) + 0.05
        table = np.log(table / table.sum(1, keepdims=True))
        end, max_len = 3, 4
        best_tokens, best_score = None, -np.inf
        for length in range(1, max_len + 1):
            for tokens in itertools.product(range(4), repeat=length):
                if end in tokens[:-1] or (length < max_len and tokens[-1] != end):
                    continue  # ends early only with `end`; unfinished ones must run to max_len
                score = sum(table[prev, tok] for prev, tok in zip((0, *tokens[:-1]), tokens, strict=True))
                if score > best_score + 1e-12:
                    best_tokens, best_score = list(tokens), score
        tokens, score = search.beam_search(table, 0, end, 4**max_len, max_len)
        assert tokens == best_tokens and np.isclose(score, best_score), trial
