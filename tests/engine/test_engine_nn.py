"""Module bookkeeping, initialisation statistics, dropout, and recurrent/attention shapes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ldl.engine import Tensor, manual_seed, nn
from ldl.engine.nn import init


def test_named_parameters_use_pytorch_dotted_names():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.BatchNorm1d(4), nn.Linear(4, 2, bias=False))
    assert [n for n, _ in model.named_parameters()] == [
        "0.weight",
        "0.bias",
        "2.weight",
        "2.bias",
        "3.weight",
    ]
    assert [n for n, _ in model.named_buffers()] == ["2.running_mean", "2.running_var"]
    assert model.num_parameters() == 12 + 4 + 4 + 4 + 8


def test_state_dict_round_trip_and_strictness():
    manual_seed(0)
    a, b = nn.Linear(3, 2), nn.Linear(3, 2)
    b.load_state_dict(a.state_dict())
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    state = a.state_dict()
    state["weight"][...] = 0  # a copy: changing it leaves the model alone
    assert a.weight.data.any()
    with pytest.raises(KeyError):
        b.load_state_dict({"weight": state["weight"]})
    with pytest.raises(ValueError):
        b.load_state_dict({"weight": np.zeros((2, 2)), "bias": np.zeros(2)})


def test_train_and_eval_reach_every_submodule():
    model = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.Dropout(0.5)))
    model.eval()
    assert not model[1][0].training
    model.train()
    assert model[1][0].training


def test_dropout_keeps_the_mean_in_training_and_is_the_identity_in_eval():
    manual_seed(0)
    layer = nn.Dropout(0.3)
    x = Tensor(np.ones((200, 500)))
    out = layer(x).data
    assert abs((out == 0).mean() - 0.3) < 0.01 and abs(out.mean() - 1.0) < 0.02
    layer.eval()
    assert layer(x) is x


@pytest.mark.parametrize(
    ("fill", "expected_var"),
    [
        (init.kaiming_normal_, lambda fan_in, fan_out: 2 / fan_in),
        (init.kaiming_uniform_, lambda fan_in, fan_out: 2 / fan_in),
        (init.xavier_normal_, lambda fan_in, fan_out: 2 / (fan_in + fan_out)),
        (init.xavier_uniform_, lambda fan_in, fan_out: 2 / (fan_in + fan_out)),
    ],
    ids=["kaiming_normal", "kaiming_uniform", "xavier_normal", "xavier_uniform"],
)
def test_initialisations_have_the_variance_their_derivation_asks_for(fill, expected_var):
    manual_seed(0)
    weight = nn.Parameter(np.zeros((64, 32, 3, 3)))  # fan_in 288, fan_out 576
    fill(weight)
    fan_in, fan_out = init.fans(weight.shape)
    assert (fan_in, fan_out) == (288, 576)
    assert weight.data.var() == pytest.approx(expected_var(fan_in, fan_out), rel=0.05)


def test_kaiming_keeps_activations_alive_through_a_deep_relu_stack():
    """The point of He initialisation: the signal's scale survives 20 ReLU layers."""
    manual_seed(0)
    x = Tensor(np.random.default_rng(0).normal(size=(256, 128)))
    for _ in range(20):
        layer = nn.Linear(128, 128, dtype=np.float64)
        init.kaiming_normal_(layer.weight)
        layer.bias.data[...] = 0
        x = layer(x).relu()
    assert 0.3 < math.sqrt((x.data**2).mean()) < 3.0


@pytest.mark.parametrize("kind", ["RNN", "GRU", "LSTM"])
def test_recurrent_shapes_and_state_carry(kind):
    manual_seed(0)
    layer = getattr(nn, kind)(3, 5, num_layers=2)
    x = Tensor(np.random.default_rng(0).normal(size=(4, 7, 3)).astype(np.float32))
    out, state = layer(x)
    assert out.shape == (4, 7, 5)
    h_n = state[0] if kind == "LSTM" else state
    assert h_n.shape == (2, 4, 5)
    np.testing.assert_allclose(h_n.data[-1], out.data[:, -1], rtol=1e-6)
    # reading the sequence in two halves, carrying the state, gives the same outputs
    first, carried = layer(x[:, :3])
    second, _ = layer(x[:, 3:], carried)
    np.testing.assert_allclose(
        np.concatenate([first.data, second.data], axis=1), out.data, rtol=1e-5, atol=1e-6
    )


def test_causal_attention_ignores_the_future():
    manual_seed(0)
    block = nn.TransformerBlock(8, 2)
    x = np.random.default_rng(0).normal(size=(1, 5, 8)).astype(np.float32)
    changed = x.copy()
    changed[0, 3:] += 1.0  # alter positions 3 and 4 only
    before, after = block(Tensor(x)).data, block(Tensor(changed)).data
    np.testing.assert_allclose(before[0, :3], after[0, :3], rtol=1e-6)
    assert not np.allclose(before[0, 3:], after[0, 3:])


def test_batchnorm_uses_running_statistics_in_eval():
    manual_seed(0)
    layer = nn.BatchNorm1d(3)
    x = Tensor(np.random.default_rng(0).normal(loc=5.0, size=(64, 3)).astype(np.float32))
    for _ in range(50):
        layer(x)
    layer.eval()
    out = layer(x).data
    assert np.abs(out.mean(axis=0)).max() < 0.05 and np.abs(out.std(axis=0) - 1).max() < 0.05
