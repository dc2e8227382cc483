"""Stage 1 and 2 reference solutions against independent oracles (scipy, scikit-learn, numpy.linalg,
PyTorch, fastai), on random inputs. The self-check proves each exercise's checks separate starter
from solution; these prove that the solution the learner is graded against is itself right. Each
reference is loaded from its file, as the grader loads it. Tests that need PyTorch or fastai skip
when they are not installed."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import numpy as np
import pytest
import scipy.linalg
import scipy.optimize
import scipy.special
import scipy.stats
import sklearn.decomposition
import sklearn.metrics

from ldl.curriculum.items import get_exercise

TOL = {"rtol": 1e-8, "atol": 1e-10}
SEEDS = [0, 1, 2]


@pytest.fixture
def load(monkeypatch):
    """load(exercise_id) -> its reference solution module, imported from solution.py by path."""

    def _load(exercise_id: str):
        exercise = get_exercise(exercise_id)
        spec = importlib.util.spec_from_file_location(f"_oracle_{exercise_id}", exercise.solution_path)
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, module)
        spec.loader.exec_module(module)
        return module

    return _load


def _torch():
    return pytest.importorskip("torch")


def _t(array, grad=False):
    """A float64 torch tensor."""
    return _torch().tensor(np.asarray(array, dtype=np.float64), requires_grad=grad)


def close(got, expected, **tol):
    expected = expected.detach().numpy() if hasattr(expected, "detach") else expected
    np.testing.assert_allclose(got, expected, **(tol or TOL))


def _symmetric_with_gap(rng, n):
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    values = np.sort(rng.uniform(-1, 1, size=n))
    values[-1] = 3.0  # a clear top eigenvalue
    return Q @ np.diag(values) @ Q.T


# ---- stage 2: numpy exercises against scipy, scikit-learn and numpy.linalg ----


@pytest.mark.parametrize("seed", SEEDS)
def test_stable_softmax_and_logsumexp_match_scipy(load, seed):
    softmax, lse = load("stable_softmax"), load("logsumexp")
    x = np.random.default_rng(seed).normal(size=(3, 4, 5)) * 300  # large enough to overflow a naive exp
    for axis in (0, 1, -1):
        close(softmax.softmax(x, axis), scipy.special.softmax(x, axis=axis))
        close(softmax.log_softmax(x, axis), scipy.special.log_softmax(x, axis=axis))
        for keepdims in (False, True):
            close(lse.logsumexp(x, axis, keepdims), scipy.special.logsumexp(x, axis=axis, keepdims=keepdims))
    close(lse.logsumexp(x), scipy.special.logsumexp(x))
    masked = x[0].copy()
    masked[1, :] = -np.inf
    close(lse.logsumexp(masked, axis=1), scipy.special.logsumexp(masked, axis=1))


@pytest.mark.parametrize("seed", SEEDS)
def test_probability_exercises_match_scipy_stats(load, seed):
    rng = np.random.default_rng(seed)
    values, weights = rng.normal(size=6) * 5, rng.random(6)
    probs = weights / weights.sum()
    mean, variance = load("discrete_moments").mean_and_variance(values, probs)
    close([mean, variance], [np.average(values, weights=probs), np.cov(values, aweights=probs, bias=True)])
    x, mu, sigma = rng.normal(1.0, 2.0, size=50), rng.normal(), rng.uniform(0.5, 3.0)
    got = load("gaussian_log_likelihood").gaussian_log_likelihood(x, mu, sigma)
    close(got, scipy.stats.norm.logpdf(x, mu, sigma).sum())
    mle = load("gaussian_mle")
    loc, scale = scipy.stats.norm.fit(x)  # scipy's maximum-likelihood fit: (mu, sigma)
    close(mle.gaussian_mle(x), [loc, scale**2], rtol=1e-6)
    flips = (rng.random(40) < 0.3).astype(float)
    best = scipy.optimize.minimize_scalar(
        lambda p: -scipy.stats.bernoulli.logpmf(flips, p).sum(), bounds=(1e-6, 1 - 1e-6), method="bounded"
    )
    close(mle.bernoulli_mle(flips), best.x, atol=1e-4)


@pytest.mark.parametrize("seed", SEEDS)
def test_bayes_posterior_matches_log_space_softmax(load, seed):
    bayes = load("bayes_posterior")
    rng = np.random.default_rng(seed)
    prior, likelihood = rng.dirichlet(np.ones(5)), rng.random(5)
    close(bayes.posterior(prior, likelihood), scipy.special.softmax(np.log(prior) + np.log(likelihood)))
    prevalence, sensitivity, specificity = rng.uniform(0.01, 0.5), rng.uniform(0.5, 1), rng.uniform(0.5, 1)
    positive = prevalence * sensitivity + (1 - prevalence) * (1 - specificity)
    close(bayes.disease_test(prevalence, sensitivity, specificity), prevalence * sensitivity / positive)


@pytest.mark.parametrize("seed", SEEDS)
def test_linear_algebra_exercises_match_numpy_and_scipy(load, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(4, 4))
    close(load("condition_number").condition_number(A), np.linalg.cond(A), rtol=1e-7)
    close(load("condition_number").digits_lost(A), np.log10(np.linalg.cond(A)), rtol=1e-7)
    basis, X = rng.normal(size=(5, 2)), rng.normal(size=(3, 5))
    Q = scipy.linalg.orth(basis)  # an orthonormal basis of the same plane
    close(load("project_onto_subspace").project(basis, X), X @ Q @ Q.T)
    eigen = load("eigen_reconstruct")
    P = np.eye(4) + 0.3 * rng.normal(size=(4, 4))  # well conditioned, not orthogonal
    B = P @ np.diag([1.0, 2.0, 3.0, 4.0]) @ np.linalg.inv(P)  # non-symmetric, real eigenvalues
    b_values, b_vectors = scipy.linalg.eig(B)
    close(eigen.reconstruct(b_values.real, b_vectors.real), B, rtol=1e-7, atol=1e-9)
    assert eigen.is_eigenpair(B, b_vectors[:, 0].real, b_values[0].real, 1e-8)
    assert not eigen.is_eigenpair(B, b_vectors[:, 0].real, b_values[0].real + 0.1, 1e-8)
    compose = load("compose_maps")
    theta = rng.uniform(-np.pi, np.pi)
    close(
        compose.rotation(theta), scipy.spatial.transform.Rotation.from_euler("z", theta).as_matrix()[:2, :2]
    )
    maps = [rng.normal(size=(3, 3)) for _ in range(4)]
    close(compose.compose(maps), np.linalg.multi_dot(maps[::-1]))


@pytest.mark.parametrize("seed", SEEDS)
def test_power_iteration_matches_eigh(load, seed):
    A = _symmetric_with_gap(np.random.default_rng(seed), 6)
    values, vectors = np.linalg.eigh(A)
    top = int(np.argmax(np.abs(values)))
    value, vector = load("power_iteration").power_iteration(A, num_steps=400, seed=seed)
    close(value, values[top])
    close(abs(vector @ vectors[:, top]), 1.0)


@pytest.mark.parametrize("seed", SEEDS)
def test_pca_matches_scikit_learn(load, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 5)) * [5.0, 3.0, 1.5, 0.5, 0.1] + 10.0
    got = load("pca_via_svd").pca(X, 3)
    oracle = sklearn.decomposition.PCA(n_components=3, svd_solver="full").fit(X)
    signs = np.sign(np.sum(got["components"] * oracle.components_, axis=1))  # (3,): sign flips allowed
    close(got["components"] * signs[:, None], oracle.components_)
    close(got["projected"] * signs, oracle.transform(X))
    close(got["explained_variance"], oracle.explained_variance_ * (len(X) - 1) / len(X))  # ours divides by N


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_check_numerical_gradient_matches_scipy(load, seed):
    check = load("gradient_check")
    x = np.random.default_rng(seed).normal(size=4)

    def f(v):
        return float(np.sum(np.sin(v) * v**2))

    close(
        check.numerical_gradient(f, x, 1e-6), scipy.optimize.approx_fprime(x, f, 1e-8), rtol=1e-5, atol=1e-6
    )
    close(check.relative_error([3.0, 4.0], [0.0, 0.0]), 1.0)


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_calculus_exercises_match_torch_autograd(load, seed):
    torch = _torch()
    rng = np.random.default_rng(seed)
    central = load("central_difference")
    point = float(rng.uniform(-1, 1))
    tx = _t(point, True)
    (first,) = torch.autograd.grad(torch.sin(tx) * torch.exp(tx), tx, create_graph=True)
    (second,) = torch.autograd.grad(first, tx)

    def g(v):
        return np.sin(v) * np.exp(v)

    close(central.derivative(g, point), first, rtol=1e-7)
    close(central.second_derivative(g, point), second, rtol=1e-5)
    x, v = rng.normal(size=3), rng.normal(size=3)
    tx = _t(x, True)
    torch.sum(tx**3).backward()
    close(central.directional_derivative(lambda y: np.sum(y**3), x, v), tx.grad @ _t(v), rtol=1e-7)
    A, b = rng.normal(size=(4, 4)), rng.normal(size=4)
    quadratic = load("quadratic_gradient")
    tA, tb, tx = _t(A), _t(b), _t(rng.normal(size=4), True)
    value = 0.5 * tx @ tA @ tx - tb @ tx
    value.backward()
    x = tx.detach().numpy()
    close(quadratic.quadratic_value(A, b, x), value)
    close(quadratic.quadratic_gradient(A, b, x), tx.grad)
    hessian = torch.autograd.functional.hessian(lambda y: 0.5 * y @ tA @ y - tb @ y, _t(x))
    close(quadratic.quadratic_hessian(A), hessian)


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_descent_matches_torch_sgd(load, seed):
    torch = _torch()
    rng = np.random.default_rng(seed)
    x0, scales = rng.normal(size=3), rng.uniform(0.5, 3.0, size=3)
    parameter = _t(x0, True)
    optimizer = torch.optim.SGD([parameter], lr=0.1)
    expected = [x0]
    for _ in range(5):
        optimizer.zero_grad()
        (0.5 * torch.sum(_t(scales) * parameter**2)).backward()
        optimizer.step()
        expected.append(parameter.detach().numpy().copy())
    close(load("gradient_descent").gradient_descent(lambda x: scales * x, x0, 0.1, 5), np.stack(expected))


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_matrix_calculus_exercises_match_torch(load, seed):
    torch = _torch()
    F = torch.nn.functional
    jacobian = torch.autograd.functional.jacobian
    rng = np.random.default_rng(seed)
    W, b, x = rng.normal(size=(3, 5)), rng.normal(size=3), rng.normal(size=5)
    linear = load("linear_jacobian")
    close(linear.jacobian_wrt_x(W, b, x), jacobian(lambda v: _t(W) @ v + _t(b), _t(x)))
    close(linear.jacobian_wrt_b(W, b, x), jacobian(lambda c: _t(W) @ _t(x) + c, _t(b)))
    z, g = rng.normal(size=5) * 3, rng.normal(size=5)
    sigmoid = load("sigmoid_jacobian")
    close(sigmoid.sigmoid_jacobian(z), jacobian(torch.sigmoid, _t(z)))
    tz = _t(z, True)
    torch.sigmoid(tz).backward(_t(g))
    close(sigmoid.sigmoid_vjp(z, g), tz.grad)
    close(load("softmax_jacobian").softmax_jacobian(z), jacobian(lambda v: torch.softmax(v, 0), _t(z)))
    X, G = rng.normal(size=(6, 5)), rng.normal(size=(6, 3))
    tX, tW, tb = _t(X, True), _t(W, True), _t(b, True)
    F.linear(tX, tW, tb).backward(_t(G))
    for got, want in zip(
        load("linear_layer_backward").linear_backward(X, W, b, G), (tX, tW, tb), strict=True
    ):
        close(got, want.grad)
    Y = rng.normal(size=(6, 3))
    tW = _t(W, True)
    loss = torch.sum((_t(X) @ tW.T - _t(Y)) ** 2) / len(X)
    loss.backward()
    least = load("least_squares_grad")
    close(least.least_squares_loss(W, X, Y), loss)
    close(least.least_squares_grad(W, X, Y), tW.grad)
    w, y = rng.normal(size=5), rng.normal(size=6)
    tw, tb0 = _t(w, True), _t(0.2, True)
    loss = torch.mean((torch.relu(_t(X) @ tw + tb0) - _t(y)) ** 2)
    loss.backward()
    neuron = load("neuron_grad")
    close(neuron.neuron_loss(w, 0.2, X, y), loss)
    grad_w, grad_b = neuron.neuron_grad(w, 0.2, X, y)
    close(grad_w, tw.grad)
    close(grad_b, tb0.grad)


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_softmax_cross_entropy_matches_torch(load, seed):
    torch = _torch()
    rng = np.random.default_rng(seed)
    logits, targets = rng.normal(size=(7, 4)) * 500, rng.integers(0, 4, size=7)
    tl = _t(logits, True)
    loss = torch.nn.functional.cross_entropy(tl, torch.as_tensor(targets))
    loss.backward()
    solution = load("softmax_cross_entropy")
    close(solution.cross_entropy(logits, targets), loss)
    close(solution.cross_entropy_grad(logits, targets), tl.grad)


# ---- stage 1: practical exercises against scikit-learn, torch and fastai ----


@pytest.mark.parametrize("seed", SEEDS)
def test_confusion_matrix_metrics_match_scikit_learn(load, seed):
    metrics = load("confusion_matrix_metrics")
    rng = np.random.default_rng(seed)
    targets = rng.integers(0, 6, size=200)
    predictions = np.where(
        rng.random(200) < 0.6, targets, rng.integers(0, 5, size=200)
    )  # class 5 never predicted
    matrix = metrics.confusion_matrix(targets, predictions, 7)  # class 6 never present
    close(matrix, sklearn.metrics.confusion_matrix(targets, predictions, labels=range(7)))
    precision, recall, _, _ = sklearn.metrics.precision_recall_fscore_support(
        targets, predictions, labels=range(7), zero_division=0
    )
    close(metrics.precision_recall(matrix), [precision, recall])
    counts = Counter((int(t), int(p)) for t, p in zip(targets, predictions, strict=True) if t != p)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))  # ties: row-major order
    assert metrics.most_confused(matrix, 5) == [(t, p, n) for (t, p), n in ranked[:5]]


@pytest.mark.parametrize("seed", SEEDS)
def test_top_n_recommendations_match_a_brute_force_ranking(load, seed):
    top_n = load("top_n_recommendations")
    rng = np.random.default_rng(seed)
    user, items, biases = rng.normal(size=4), rng.normal(size=(12, 4)), rng.normal(size=12)
    ratings = 1.0 + 4.0 * scipy.special.expit(items @ user + 0.3 + biases)
    close(top_n.predict_ratings(user, 0.3, items, biases, y_range=(1.0, 5.0)), ratings)
    seen = [int(i) for i in rng.choice(12, size=4, replace=False)]
    scores = top_n.predict_ratings(user, 0.3, items, biases)
    ranked = sorted((i for i in range(12) if i not in seen), key=lambda i: (-scores[i], i))
    assert top_n.recommend(user, 0.3, items, biases, seen, 5) == ranked[:5]


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_temperature_sampling_matches_torch_softmax_and_a_chi_square_test(load, seed):
    torch = _torch()
    sampling = load("temperature_sampling")
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=6) * 2
    for temperature in (0.3, 1.0, 2.5):
        close(
            sampling.temperature_probabilities(logits, temperature),
            torch.softmax(_t(logits) / temperature, 0),
        )
    probabilities = sampling.temperature_probabilities(logits, 1.0)
    draws = [sampling.sample_index(logits, 1.0, rng) for _ in range(3000)]
    observed = np.bincount(draws, minlength=6)
    assert scipy.stats.chisquare(observed, probabilities * len(draws)).pvalue > 1e-4


@pytest.mark.torch
@pytest.mark.parametrize("seed", SEEDS)
def test_dot_product_bias_matches_fastai_embedding_dot_bias(load, seed):
    torch = _torch()
    collab = pytest.importorskip("fastai.collab")
    model = load("dot_product_bias").DotProductBias(5, 7, 3, y_range=(0.5, 5.0))
    oracle = collab.EmbeddingDotBias(3, 5, 7, y_range=(0.5, 5.0))
    generator = torch.Generator().manual_seed(seed)
    names = [
        ("user_factors", "u_weight"),
        ("item_factors", "i_weight"),
        ("user_bias", "u_bias"),
        ("item_bias", "i_bias"),
    ]
    with torch.no_grad():
        for ours, theirs in names:
            weight = torch.randn(getattr(model, ours).weight.shape, generator=generator)
            getattr(model, ours).weight.copy_(weight)
            getattr(oracle, theirs).weight.copy_(weight)
        pairs = torch.stack(
            [torch.randint(0, 5, (9,), generator=generator), torch.randint(0, 7, (9,), generator=generator)],
            1,
        )
        close(model(pairs).double(), oracle(pairs).double(), rtol=1e-6)


@pytest.mark.torch
def test_learning_rate_rule_matches_fastai_minimum_suggestion(load):
    torch = _torch()
    schedule = pytest.importorskip("fastai.callback.schedule")
    x = np.linspace(-7, 1, 100)
    losses = 2.3 - 1.6 / (1 + np.exp(-(x + 3.0) / 0.35)) + 0.05 * np.exp(3.0 * (x + 1.0))
    lrs = 10.0**x
    expected, _ = schedule.minimum(torch.tensor(lrs), torch.tensor(losses), len(lrs))
    close(load("learning_rate_from_finder").suggest_lr(lrs, losses), expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_householder_and_gram_schmidt_qr_match_lapack(load, seed):
    """Both factorisations equal LAPACK's (scipy.linalg.qr, economic), signs fixed to R's diagonal >= 0."""
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(9, 5))
    Q_ref, R_ref = scipy.linalg.qr(A, mode="economic")
    signs = np.sign(np.diag(R_ref))  # (5,)
    Q_ref, R_ref = Q_ref * signs, R_ref * signs[:, None]
    got = [load("householder_qr").householder_qr(A)]
    gram_schmidt = load("gram_schmidt")
    got += [gram_schmidt.classical_gram_schmidt(A), gram_schmidt.modified_gram_schmidt(A)]
    for Q, R in got:
        close(Q, Q_ref, rtol=1e-9, atol=1e-11)
        close(R, R_ref, rtol=1e-9, atol=1e-11)
    assert gram_schmidt.orthogonality_loss(Q_ref) < 1e-13


@pytest.mark.parametrize("seed", SEEDS)
def test_least_squares_by_qr_matches_lstsq(load, seed):
    rng = np.random.default_rng(seed)
    A, b, B = rng.normal(size=(20, 4)), rng.normal(size=20), rng.normal(size=(20, 3))
    solution = load("least_squares_qr")
    close(solution.least_squares_qr(A, b), np.linalg.lstsq(A, b, rcond=None)[0])
    close(solution.least_squares_qr(A, B), np.linalg.lstsq(A, B, rcond=None)[0])
    x = np.linalg.lstsq(A, b, rcond=None)[0]
    assert np.isclose(solution.residual_norm(A, b, x), np.sqrt(np.linalg.lstsq(A, b, rcond=None)[1][0]))
