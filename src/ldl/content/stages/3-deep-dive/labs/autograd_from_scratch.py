# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: autograd_from_scratch
#     title: "From derivative to autograd"
#     unit: deep-dive.autograd
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 60
#     fast_timeout: 60
# ---

# %% [markdown]
# # From derivative to autograd
#
# Every deep learning library rests on one algorithm: **reverse-mode automatic differentiation**,
# which computes the gradient of one number (the loss) with respect to millions of inputs (the
# weights) for the price of about two evaluations of the function. This lab walks from the
# definition of a derivative to that algorithm, using `ldl.engine.Value`, a number that remembers
# how it was computed. The exercises `value_ops` and `topo_sort` then ask you to build it yourself.
#
# **Accompanies:**
# [Dive into Deep Learning, 2.5 Automatic Differentiation](https://d2l.ai/chapter_preliminaries/autograd.html)
# and [5.3 Forward Propagation, Backward Propagation, and Computational Graphs](https://d2l.ai/chapter_multilayer-perceptrons/backprop.html);
# Deep Learning Specialization, course 1
# ([Neural Networks and Deep Learning](https://www.coursera.org/learn/neural-networks-deep-learning)),
# week 2 "computation graph" videos; [MIT 6.S191](http://introtodeeplearning.com/) lecture 1,
# the part on backpropagation. Andrej Karpathy's
# [micrograd lecture](https://www.youtube.com/watch?v=VMj-3S1tku0) builds the same object step by step.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np

from ldl.engine import Tensor, Value
from ldl.engine.value import topological_order
from ldl.notebooks.lab import FAST, report

# %% [markdown]
# ## 1. A derivative, measured
#
# The derivative of $f$ at $x$ is the slope of the line that touches $f$ there:
# $f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}$. We can measure it with a small $h$. The
# **central** difference $\frac{f(x+h) - f(x-h)}{2h}$ is far more accurate than the one-sided
# one (its error shrinks like $h^2$, not $h$), but no choice of $h$ is exact: too large and the
# curvature spoils it, too small and floating-point rounding does.

# %%
def f(x):
    return x**3 - 2 * x + math.tanh(x)


def f_prime(x):  # by hand, with the rules of calculus
    return 3 * x**2 - 2 + (1 - math.tanh(x) ** 2)


x0 = 0.7
steps = np.logspace(-14, -1, 40)
one_sided = [abs((f(x0 + h) - f(x0)) / h - f_prime(x0)) for h in steps]
central = [abs((f(x0 + h) - f(x0 - h)) / (2 * h) - f_prime(x0)) for h in steps]

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.loglog(steps, one_sided, label="one-sided (f(x+h) - f(x)) / h")
ax.loglog(steps, central, label="central (f(x+h) - f(x-h)) / 2h")
ax.set_xlabel("step h")
ax.set_ylabel("error of the estimate")
ax.set_title("Finite differences: a sweet spot, never exact")
ax.legend()
plt.show()
print(f"best central error {min(central):.1e} at h = {steps[int(np.argmin(central))]:.0e}")

# %% [markdown]
# Finite differences are the **oracle** we check every gradient against in this stage. They are
# no way to *train* a network, though: one number per weight, two evaluations each, would take
# two million forward passes for a million weights.
#
# ## 2. The chain rule on a graph
#
# Write $L = \tanh(a b + a)$ as a sequence of elementary steps: $c = ab$, $d = c + a$,
# $L = \tanh d$. Each step knows its own local derivatives. The chain rule multiplies them along
# every path from $L$ back to an input and **adds** the paths: $a$ reaches $L$ twice (through
# $c$ and directly into $d$), so
# $\frac{\partial L}{\partial a} = \frac{\partial L}{\partial d}\bigl(\frac{\partial d}{\partial c}\frac{\partial c}{\partial a} + \frac{\partial d}{\partial a}\bigr) = (1 - \tanh^2 d)(b + 1)$.
#
# Going **backwards** from $L$, each node needs only the gradient of $L$ with respect to itself
# and its local derivatives: one sweep computes the gradient for *every* input at once. That is
# reverse mode. `Value` records the graph as we compute:

# %%
a, b = Value(2.0), Value(-3.0)
c = a * b
d = c + a
loss = d.tanh()
loss.backward()

by_hand = (1 - math.tanh(d.data) ** 2) * (b.data + 1)
print(f"L = {loss.data:.6f}")
print(f"dL/da: autograd {a.grad:.6f}, by hand {by_hand:.6f}")
print(f"dL/db: autograd {b.grad:.6f}, by hand {(1 - math.tanh(d.data) ** 2) * a.data:.6f}")

# %% [markdown]
# `backward()` sorted the graph topologically (every node after its inputs) and called each
# node's backward closure from the end. Here is the order it used:

# %%
for node in topological_order(loss):
    inputs = ", ".join(f"{p.data:g}" for p in node._prev) or "a leaf"
    print(f"{node._op or 'input':>5}  data {node.data:9.4f}  grad {node.grad:9.4f}   from {inputs}")

# %% [markdown]
# ## 3. Checking autograd against the oracle
#
# A small "neuron" with several inputs, checked against central differences for every input:

# %%
def neuron(values):
    x1, x2, w1, w2, bias = values
    return (x1 * w1 + x2 * w2 + bias).tanh() * (x1 - w2) ** 2


point = [0.5, -1.5, 0.8, 0.3, -0.2]
inputs = [Value(v) for v in point]
neuron(inputs).backward()
h = 1e-6
worst = 0.0
for i, v in enumerate(inputs):
    up, down = list(point), list(point)
    up[i] += h
    down[i] -= h
    numeric = (neuron([Value(u) for u in up]).data - neuron([Value(u) for u in down]).data) / (2 * h)
    worst = max(worst, abs(numeric - v.grad))
    print(f"input {i}: autograd {v.grad:+.8f}   central difference {numeric:+.8f}")
print(f"largest disagreement: {worst:.1e}")

# %% [markdown]
# ## 4. Training with nothing but `Value`
#
# Gradients are all we need to learn. Let's fit a tiny network, 2 inputs, 8 tanh units, 1
# output, to separate two interleaved half-moons, using only `Value` and plain gradient descent.
# It is slow (every number is a Python object), which is exactly why the engine's next layer,
# `Tensor`, does the same on whole arrays.

# %%
rng = np.random.default_rng(0)
num_points = 40 if FAST else 100
angles = rng.uniform(0, np.pi, size=num_points)
labels = rng.integers(0, 2, size=num_points)
xs = np.stack([np.cos(angles) + labels, np.sin(angles) * (1 - 2 * labels) + 0.3 * labels], axis=1)
xs += rng.normal(scale=0.1, size=xs.shape)
ys = 2.0 * labels - 1.0  # targets -1 and +1

hidden = 8
w1 = [[Value(rng.normal() / math.sqrt(2)) for _ in range(2)] for _ in range(hidden)]
b1 = [Value(0.0) for _ in range(hidden)]
w2 = [Value(rng.normal() / math.sqrt(hidden)) for _ in range(hidden)]
b2 = Value(0.0)
params = [p for row in w1 for p in row] + b1 + w2 + [b2]


def predict(point):
    hidden_units = [(row[0] * point[0] + row[1] * point[1] + bias).tanh() for row, bias in zip(w1, b1)]
    return sum((w * u for w, u in zip(w2, hidden_units)), b2).tanh()


losses = []
for _ in range(15 if FAST else 60):
    loss = sum(((predict(p) - y) ** 2 for p, y in zip(xs, ys)), Value(0.0)) * (1.0 / num_points)
    for p in params:
        p.grad = 0.0  # gradients accumulate: reset them before every backward pass
    loss.backward()
    for p in params:
        p.data -= 0.5 * p.grad
    losses.append(loss.data)

accuracy = float(np.mean([(predict(p).data > 0) == (y > 0) for p, y in zip(xs, ys)]))
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(losses)
ax.set_xlabel("step")
ax.set_ylabel("mean squared error")
ax.set_title(f"A 2-8-1 network trained with Value: accuracy {accuracy:.0%}")
plt.show()

# %% [markdown]
# ## 5. The same idea on arrays: `Tensor`
#
# `ldl.engine.Tensor` does exactly what `Value` does, with numpy arrays at the nodes: each
# operation records a backward function that maps the output's gradient to its inputs'
# gradients. The graph has one node per *array* operation instead of one per number, and numpy
# does the arithmetic. One check, the gradient of $\sum \tanh(W x + b)$:

# %%
weight = Tensor(rng.normal(size=(3, 4)), requires_grad=True, dtype=np.float64)
bias = Tensor(rng.normal(size=3), requires_grad=True, dtype=np.float64)
x = Tensor(rng.normal(size=(5, 4)), dtype=np.float64)
(x @ weight.transpose() + bias).tanh().sum().backward()

pre = x.data @ weight.data.T + bias.data
expected_bias_grad = (1 - np.tanh(pre) ** 2).sum(axis=0)  # d tanh = 1 - tanh^2, summed over the batch
print("bias gradient, autograd:", np.round(bias.grad, 6))
print("bias gradient, by hand: ", np.round(expected_bias_grad, 6))
bias_error = float(np.abs(bias.grad - expected_bias_grad).max())

# %% [markdown]
# Notice the sum over the batch: `bias` has shape `(3,)` but was **broadcast** to `(5, 3)`, so
# its gradient is summed back down. That reduction is the exercise `unbroadcast`.
#
# ## What to reproduce
#
# - Make the one-sided difference beat the central one somewhere in section 1's plot. (You can't:
#   why not?)
# - Build `b = a + a; c = b + b` with `Value` and check that `a.grad` is 4. Then work out what a
#   backward pass that visits `b` twice would give.
# - Do the exercises `value_ops` and `topo_sort`: your own `Value`, graded against this one.

# %%
report(
    moons_accuracy=accuracy,
    neuron_gradient_error=worst,
    tensor_bias_error=bias_error,
    expect={"moons_accuracy": (">", 0.5 + 0.25), "neuron_gradient_error": ("<", 1e-6)},  # 2 classes
)
