"""Stage 3's reference solutions for layers (batch norm, convolution, pooling, embedding, RNN, LSTM,
attention) against PyTorch, forward and backward, float64, rtol 1e-8 and atol 1e-10 (see conftest.py)."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from solution_oracles import as_torch as t
from solution_oracles import close

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch
F = torch.nn.functional


def test_batch_norm_matches_torch(load):
    ours = load("batch_norm").BatchNorm1d(4)
    theirs = torch.nn.BatchNorm1d(4).double()
    rng = np.random.default_rng(2)
    for _ in range(3):
        x = rng.normal(loc=2.0, scale=3.0, size=(6, 4))
        tx = t(x, True)
        out = theirs(tx)
        g = rng.normal(size=(6, 4))
        out.backward(torch.tensor(g))
        close(ours.forward(x), out)
        close(ours.backward(g), tx.grad)
    close(ours.grad_weight, theirs.weight.grad)
    close(ours.running_mean, theirs.running_mean)
    close(ours.running_var, theirs.running_var)
    ours.eval()
    theirs.eval()
    x = rng.normal(size=(3, 4))
    close(ours.forward(x), theirs(t(x)))


def test_conv2d_forward_and_backward_match_torch(load):
    backward = load("conv2d_backward")
    forward = sys.modules["conv2d_forward"]
    rng = np.random.default_rng(4)
    for stride, padding in ((1, 0), (1, 1), (2, 1), (3, 2)):
        x, w, b = (
            t(rng.normal(size=(2, 3, 7, 6)), True),
            t(rng.normal(size=(4, 3, 3, 3)), True),
            t(rng.normal(size=4), True),
        )
        out = F.conv2d(x, w, b, stride=stride, padding=padding)
        g = rng.normal(size=out.shape)
        out.backward(torch.tensor(g))
        close(
            forward.conv2d(x.detach().numpy(), w.detach().numpy(), b.detach().numpy(), stride, padding), out
        )
        grad_x, grad_w, grad_b = backward.conv2d_backward(
            x.detach().numpy(), w.detach().numpy(), g, stride, padding
        )
        close(grad_x, x.grad)
        close(grad_w, w.grad)
        close(grad_b, b.grad)


def test_max_pooling_matches_torch(load):
    pooling = load("max_pooling")
    rng = np.random.default_rng(5)
    for kernel_size, stride in ((2, None), (3, 1), (3, 2)):
        x = t(rng.permutation(2 * 2 * 7 * 7).reshape(2, 2, 7, 7) * 1.0, True)  # distinct: no ties
        out = F.max_pool2d(x, kernel_size, stride)
        g = rng.normal(size=out.shape)
        out.backward(torch.tensor(g))
        close(pooling.max_pool2d(x.detach().numpy(), kernel_size, stride), out)
        close(pooling.max_pool2d_backward(x.detach().numpy(), g, kernel_size, stride), x.grad)


def test_embedding_backward_matches_torch(load):
    embedding = load("embedding")
    rng = np.random.default_rng(6)
    weight, ids = t(rng.normal(size=(10, 4)), True), rng.integers(0, 10, size=(3, 7))
    out = F.embedding(torch.tensor(ids), weight, padding_idx=int(ids[0, 0]))
    g = rng.normal(size=out.shape)
    out.backward(torch.tensor(g))
    close(embedding.embedding_forward(weight.detach().numpy(), ids), out)
    close(embedding.embedding_backward(g, ids, 10, padding_idx=int(ids[0, 0])), weight.grad)


def test_rnn_forward_and_bptt_match_torch(load):
    rnn = load("rnn_cell")
    torch.manual_seed(0)
    layer = torch.nn.RNN(3, 4).double()  # sequence-first: (T, B, D)
    rng = np.random.default_rng(7)
    xs, h0 = t(rng.normal(size=(6, 5, 3)), True), t(rng.normal(size=(1, 5, 4)), True)
    outputs, _ = layer(xs, h0)
    g = rng.normal(size=outputs.shape)
    outputs.backward(torch.tensor(g))
    weights = [
        p.detach().numpy()
        for p in (layer.weight_ih_l0, layer.weight_hh_l0, layer.bias_ih_l0, layer.bias_hh_l0)
    ]
    ours, _ = rnn.rnn_forward(xs.detach().numpy(), h0.detach().numpy()[0], *weights)
    close(ours, outputs)
    grads = rnn.rnn_backward(xs.detach().numpy(), h0.detach().numpy()[0], *weights, g)
    expected = [
        xs.grad,
        h0.grad[0],
        layer.weight_ih_l0.grad,
        layer.weight_hh_l0.grad,
        layer.bias_ih_l0.grad,
        layer.bias_hh_l0.grad,
    ]
    for got, want in zip(grads, expected, strict=True):
        close(got, want)


def test_lstm_matches_torch(load):
    lstm = load("lstm_cell")
    torch.manual_seed(0)
    layer = torch.nn.LSTM(3, 4).double()
    rng = np.random.default_rng(8)
    xs, h0, c0 = rng.normal(size=(6, 5, 3)), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    outputs, (h, c) = layer(t(xs), (t(h0[None]), t(c0[None])))
    weights = [
        p.detach().numpy()
        for p in (layer.weight_ih_l0, layer.weight_hh_l0, layer.bias_ih_l0, layer.bias_hh_l0)
    ]
    ours, (our_h, our_c) = lstm.lstm_forward(xs, h0, c0, *weights)
    close(ours, outputs)
    close(our_c, c[0])


def test_attention_and_multi_head_match_torch(load):
    heads = load("multi_head_attention")
    attention = sys.modules["dot_product_attention"]
    rng = np.random.default_rng(10)
    q, k, v = (t(rng.normal(size=(2, 3, 5, 4)), True) for _ in range(3))
    out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    g = rng.normal(size=out.shape)
    out.backward(torch.tensor(g))
    arrays = [a.detach().numpy() for a in (q, k, v)]
    close(attention.attention(*arrays, attention.causal_mask(5))[0], out)
    for got, want in zip(
        attention.attention_backward(*arrays, g, attention.causal_mask(5)), (q, k, v), strict=True
    ):
        close(got, want.grad)
    torch.manual_seed(0)
    layer = torch.nn.MultiheadAttention(8, 4, batch_first=True).double()
    x = t(rng.normal(size=(2, 5, 8)))
    blocked = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    expected = layer(x, x, x, attn_mask=blocked, need_weights=False)[0]
    weights = [
        p.detach().numpy()
        for p in (layer.in_proj_weight, layer.in_proj_bias, layer.out_proj.weight, layer.out_proj.bias)
    ]
    close(heads.multi_head_attention(x.numpy(), *weights, 4, causal=True), expected)


def test_residual_block_and_global_average_pooling_match_torch(load):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    block = load("residual_block")
    x, W1, b1, W2, b2 = (rng.normal(size=s) for s in ((5, 4), (4, 6), (6,), (6, 4), (4,)))
    grad_out = rng.normal(size=(5, 4))
    tensors = [torch.tensor(a, requires_grad=True) for a in (x, W1, b1, W2, b2)]
    tx, tW1, tb1, tW2, tb2 = tensors
    out = torch.relu(tx + torch.relu(tx @ tW1 + tb1) @ tW2 + tb2)
    (out * torch.from_numpy(grad_out)).sum().backward()
    np.testing.assert_allclose(
        block.residual_block_forward(x, W1, b1, W2, b2), out.detach().numpy(), rtol=1e-12
    )
    for got, tensor in zip(block.residual_block_backward(x, W1, b1, W2, b2, grad_out), tensors, strict=True):
        np.testing.assert_allclose(got, tensor.grad.numpy(), rtol=1e-10, atol=1e-12)
    pool = load("global_avg_pool")
    maps = rng.normal(size=(2, 3, 4, 5))
    tmaps = torch.tensor(maps, requires_grad=True)
    pooled = torch.nn.functional.adaptive_avg_pool2d(tmaps, 1).flatten(1)  # (2, 3)
    upstream = rng.normal(size=(2, 3))
    (pooled * torch.from_numpy(upstream)).sum().backward()
    np.testing.assert_allclose(pool.global_avg_pool(maps), pooled.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(
        pool.global_avg_pool_backward(upstream, maps.shape), tmaps.grad.numpy(), rtol=1e-12
    )


def test_layer_norm_matches_torch(load):
    norm = load("layer_norm")
    rng = np.random.default_rng(11)
    for eps in (1e-5, 0.5):
        x = t(rng.normal(size=(2, 3, 6)) * 2 + 1, True)
        weight, bias = t(rng.normal(size=6), True), t(rng.normal(size=6), True)
        out = F.layer_norm(x, (6,), weight, bias, eps)
        g = rng.normal(size=out.shape)
        out.backward(torch.tensor(g))
        arrays = [a.detach().numpy() for a in (x, weight, bias)]
        close(norm.layer_norm(*arrays, eps=eps), out)
        for got, want in zip(norm.layer_norm_backward(*arrays, g, eps=eps), (x, weight, bias), strict=True):
            close(got, want.grad)


def test_gru_cell_forward_and_backward_match_torch(load):
    gru = load("gru_cell")
    rng = np.random.default_rng(12)
    torch.manual_seed(0)
    cell = torch.nn.GRUCell(3, 4).double()
    x, h = t(rng.normal(size=(2, 3)), True), t(rng.normal(size=(2, 4)), True)
    out = cell(x, h)
    g = rng.normal(size=out.shape)
    out.backward(torch.tensor(g))
    params = [p.detach().numpy() for p in (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)]
    close(gru.gru_cell(x.detach().numpy(), h.detach().numpy(), *params), out)
    got = gru.gru_cell_backward(x.detach().numpy(), h.detach().numpy(), *params, g)
    wanted = (x.grad, h.grad, cell.weight_ih.grad, cell.weight_hh.grad, cell.bias_ih.grad, cell.bias_hh.grad)
    for mine, theirs in zip(got, wanted, strict=True):
        close(mine, theirs)


def test_transformer_block_matches_torch_encoder_layer(load):
    block = load("transformer_block")
    rng = np.random.default_rng(13)
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(
        8,
        2,
        24,
        dropout=0.0,
        activation=lambda u: F.gelu(u, approximate="tanh"),
        batch_first=True,
        norm_first=True,
    ).double()
    layer.eval()
    params = {name: value.detach().numpy() for name, value in layer.state_dict().items()}
    x = rng.normal(size=(2, 5, 8))
    for causal in (False, True):
        mask = (
            torch.nn.Transformer.generate_square_subsequent_mask(5, dtype=torch.float64) if causal else None
        )
        expected = layer(t(x), src_mask=mask, is_causal=causal)
        close(block.transformer_block(x, params, 2, causal=causal), expected)
