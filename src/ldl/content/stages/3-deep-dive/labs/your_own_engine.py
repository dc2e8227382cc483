# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: your_own_engine
#     title: "Your own engine: train an MLP with your exercise code, and match PyTorch"
#     unit: deep-dive.mlp
#     order: 2
#     minutes: 40
#     goals: [2]
#     fast_timeout: 150
# ---

# %% [markdown]
# # Your own engine: train an MLP with your exercise code, and match PyTorch
#
# Each exercise of this stage built one piece of a deep-learning library and was graded on its
# own. This lab puts *your* pieces together: your `Linear`, `ReLU` and `Sequential`
# (`module_linear`), your softmax cross-entropy and its gradient (`cross_entropy_grad`), your SGD
# with momentum (`sgd_momentum`) and your training loop (`training_loop`). Together they train a
# 784-128-10 MLP on Fashion-MNIST. Then PyTorch trains the same network from the **same initial
# weights** on the **same batches in the same order**, and we compare the two runs step by step.
# If every piece is right, the two loss curves agree to about fourteen decimal places.
#
# A piece you have not passed yet is replaced by a **stand-in**, ldl's reference solution, and
# the next cell says which ones and how to do them. The lab runs either way. Pass an exercise, run
# the lab again, and that piece becomes yours.
#
# **Accompanies:** [Dive into Deep Learning, 5.2](https://d2l.ai/chapter_multilayer-perceptrons/mlp-implementation.html)
# (the MLP from scratch, then with a framework); Andrej Karpathy's
# [micrograd](https://github.com/karpathy/micrograd) lecture, which checks its engine against
# PyTorch in the same way; PyTorch's [`torch.optim.SGD`](https://pytorch.org/docs/stable/generated/torch.optim.SGD.html)
# page for the exact update rule.

# %%
import importlib.util

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_limits

from ldl.data.fallbacks import load_image_classification
from ldl.notebooks.lab import FAST, report
from ldl.notebooks.own_engine import compare_losses, load_own_engine

threadpool_limits(1)  # small matrices: one BLAS thread is fastest, and the numbers do not depend on it

engine = load_own_engine(["module_linear", "cross_entropy_grad", "sgd_momentum", "training_loop"])
nn = engine["module_linear"]  # Parameter, Module, Linear, ReLU, Sequential
loss_piece = engine["cross_entropy_grad"]  # softmax_cross_entropy(logits, targets) -> (loss, grad)
optim = engine["sgd_momentum"]  # SGD(params, lr, momentum)
loop = engine["training_loop"]  # train_epoch(...), evaluate(...)

SEED = 0
HIDDEN = 128
BATCH_SIZE = 64
NUM_EPOCHS = 4 if FAST else 5
LR, MOMENTUM = 0.02, 0.9
LOSS_TOLERANCE = 1e-6  # float64 on both sides: an honest difference shows up far above this

# %% [markdown]
# ## 1. The data
#
# Pixels scaled to [0, 1], standardised with Fashion-MNIST's mean and standard deviation, and
# flattened: `(N, 28, 28) -> (N, 784)`. In fast mode we keep 4,000 training images (a few
# hundred steps) and 2,000 test images; without Fashion-MNIST on this machine, fast mode uses a
# digit set that ships with a package, and says so.

# %%
images = load_image_classification("fashion-mnist", fast=FAST)
pick = np.random.default_rng(SEED).permutation(len(images.train_images))
keep = pick[:4000] if FAST else pick


def prepare(pixels):
    x = (pixels.astype(np.float32) / 255.0 - 0.2860) / 0.3530
    return x.reshape(len(pixels), 784)  # (N, 784)


x_train, y_train = prepare(images.train_images[keep]), images.train_labels[keep].astype(np.int64)
num_test = 2000 if FAST else len(images.test_images)
x_test, y_test = prepare(images.test_images[:num_test]), images.test_labels[:num_test].astype(np.int64)
print(f"{images.source}: train {x_train.shape}, test {x_test.shape}")

# %% [markdown]
# ## 2. Your model and your optimiser
#
# `nn.Linear(784, 128, rng)` draws its weight from the generator it is given, so the seed fixes
# the starting point. We copy those initial weights *before* training (your optimiser changes the
# arrays in place) so that PyTorch can start from exactly the same numbers.


# %%
def your_mlp():
    """784 -> 128 -> ReLU -> 10, built from your module_linear; the seed fixes the weights."""
    rng = np.random.default_rng(SEED)
    return nn.Sequential(nn.Linear(784, HIDDEN, rng), nn.ReLU(), nn.Linear(HIDDEN, 10, rng))


model = your_mlp()
initial = [parameter.data.copy() for parameter in model.parameters()]  # W1 (128, 784), b1, W2 (10, 128), b2
optimizer = optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
print([weights.shape for weights in initial])

# %% [markdown]
# ## 3. Training, with your loop
#
# `train_epoch` runs the five lines for every batch, in the order
# `rng.permutation(len(x))`: `optimizer.zero_grad()` clears what the last batch left in each
# `.grad`; `model(x)` runs every layer's forward (each keeps what its backward will need);
# `softmax_cross_entropy` returns the loss *and* its gradient with respect to the logits,
# $(\mathrm{softmax}(z) - \mathrm{onehot}(y))/N$; `model.backward(grad)` passes that gradient back
# through the layers in reverse, each adding into its parameters' `.grad`; `optimizer.step()`
# moves every parameter along its velocity. One generator serves every epoch, exactly as `fit` does.

# %%
batch_rng = np.random.default_rng(SEED)
our_losses, our_results = [], []
for epoch in range(NUM_EPOCHS):
    our_losses += loop.train_epoch(model, optimizer, x_train, y_train, BATCH_SIZE, batch_rng)
    our_results.append(loop.evaluate(model, x_test, y_test, 1000))  # (loss, accuracy)
    print(f"epoch {epoch + 1}: test loss {our_results[-1][0]:.4f}, accuracy {our_results[-1][1]:.2%}")

# %% [markdown]
# ## 4. The same run in PyTorch
#
# Same architecture, the initial weights copied from yours, `float64` like numpy, the same
# permutations from the same seed, `torch.optim.SGD` with the same learning rate and momentum.
# On a light install without PyTorch this part is skipped, and said so.

# %%
HAS_TORCH = importlib.util.find_spec("torch") is not None
torch_losses, torch_accuracy = None, None
if not HAS_TORCH:
    print(
        "PyTorch is not installed here, so this lab skips the comparison with it. Your engine has "
        "trained all the same; `pip install -e '.[full]'` in your ldl folder adds PyTorch."
    )
else:
    import torch

    torch.set_num_threads(1)

    def torch_mlp():
        """The same MLP in PyTorch, in float64, starting from your initial weights."""
        twin = torch.nn.Sequential(torch.nn.Linear(784, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10))
        with torch.no_grad():
            for parameter, weights in zip(twin.double().parameters(), initial):  # W1, b1, W2, b2
                parameter.copy_(torch.from_numpy(weights))
        return twin

    reference = torch_mlp()
    torch_optimizer = torch.optim.SGD(reference.parameters(), lr=LR, momentum=MOMENTUM)
    inputs, targets = torch.from_numpy(x_train.astype(np.float64)), torch.from_numpy(y_train)
    torch_rng, torch_losses = np.random.default_rng(SEED), []
    for _ in range(NUM_EPOCHS):
        order = torch.from_numpy(torch_rng.permutation(len(x_train)))
        for batch in order.split(BATCH_SIZE):
            torch_optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(reference(inputs[batch]), targets[batch])
            loss.backward()
            torch_optimizer.step()
            torch_losses.append(loss.item())
    with torch.no_grad():
        logits = reference(torch.from_numpy(x_test.astype(np.float64)))
    torch_accuracy = float((logits.argmax(1).numpy() == y_test).mean())
    print(f"PyTorch: test accuracy {torch_accuracy:.2%} (yours {our_results[-1][1]:.2%})")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3))
left.plot(our_losses, label="your engine", linewidth=2)
if torch_losses is not None:
    left.plot(torch_losses, "--", label="PyTorch")
    gaps = np.abs(np.array(our_losses[: len(torch_losses)]) - np.array(torch_losses[: len(our_losses)]))
    right.semilogy(np.maximum(gaps, 1e-18))
    right.axhline(LOSS_TOLERANCE, color="red", linestyle=":", label="tolerance")
    right.set_title("|your loss - PyTorch's| per step")
    right.legend()
left.set_xlabel("step")
left.set_ylabel("cross-entropy (nats)")
left.legend()
plt.show()

if torch_losses is not None:
    comparison = compare_losses(our_losses, torch_losses, LOSS_TOLERANCE)
    print(f"{comparison.steps} steps compared, largest gap {comparison.max_gap:.2e}")
    if comparison.first_step_over is not None:
        print(f"The runs part at step {comparison.first_step_over}: see section 5.")

# %% [markdown]
# ## 5. When your numbers differ from PyTorch's
#
# Look at the **first** step where the gap rises above the tolerance; later steps only inherit
# the difference. Then:
#
# - **Step 0 differs**: nothing has been updated yet, so the forward pass or the loss is wrong:
#   `Linear.forward` (is it `x @ weight.T + bias`?), `ReLU`, or the loss (the mean over the batch,
#   the log of the sum of exponentials). The cell below compares the logits and the loss of that first batch.
# - **Step 0 agrees, step 1 differs**: the first update was wrong, so a gradient or the step is:
#   the gradient's $1/N$, `Linear.backward` (bias gradient summed over the batch), `Sequential`
#   running backward in reverse, or the momentum rule (PyTorch has no $(1-\mu)$ factor).
# - **A gap that starts tiny and grows**: look for `float32` somewhere, or gradients that are
#   not zeroed (the error then grows with every step).
#
# The cell below runs the first batch through a fresh copy of your model from the initial weights
# and lists the gap of each quantity: the first line that is large names the culprit.

# %%
if HAS_TORCH:
    fresh = your_mlp()
    for parameter, weights in zip(fresh.parameters(), initial):
        parameter.data[...] = weights
    first = np.random.default_rng(SEED).permutation(len(x_train))[:BATCH_SIZE]
    logits = fresh(x_train[first])
    loss, grad_logits = loss_piece.softmax_cross_entropy(logits, y_train[first])
    fresh.backward(grad_logits)

    twin = torch_mlp()
    twin_logits = twin(torch.from_numpy(x_train[first].astype(np.float64)))
    twin_loss = torch.nn.functional.cross_entropy(twin_logits, torch.from_numpy(y_train[first]))
    twin_loss.backward()
    rows = [("logits", logits, twin_logits.detach().numpy()), ("loss", loss, twin_loss.item())]
    names = ["weight 1", "bias 1", "weight 2", "bias 2"]
    for name, ours, theirs in zip(names, fresh.parameters(), twin.parameters()):
        rows.append((f"grad {name}", ours.grad, theirs.grad.numpy()))
    for name, ours, theirs in rows:
        print(f"{name:15} largest gap {np.max(np.abs(np.asarray(ours) - theirs)):.2e}")

# %% [markdown]
# ## What to reproduce
#
# - Break one piece on purpose in your workspace (drop the $1/N$ from your cross-entropy gradient,
#   or forget `zero_grad`), run the lab, and check that section 5 points at it. Then undo it.
# - Swap the optimiser for your `adam` exercise (`load_own_engine([..., "adam"])`,
#   `Adam(model.parameters(), lr=1e-3)`) and PyTorch's for `torch.optim.Adam`: the curves should
#   agree just as closely.
# - Run it outside fast mode: the full training set, five epochs (4,690 steps). When we ran it, both
#   engines reached 86.9% test accuracy and their losses never differed by more than $10^{-15}$.
#   Compare with the *Building an MLP on your own engine* lab, which uses `ldl.engine`'s autograd.

# %%
test_loss, test_accuracy = our_results[-1]
no_learning = float(np.mean(y_test == np.bincount(y_train).argmax()))  # always guess the commonest class
if torch_losses is None:
    report(
        test_accuracy=test_accuracy, test_loss=test_loss, expect={"test_accuracy": (">", no_learning + 0.3)}
    )
else:
    report(
        test_accuracy=test_accuracy,
        test_loss=test_loss,
        torch_accuracy=torch_accuracy,
        max_loss_gap=comparison.max_gap,
        yours=len(engine.yours()),
        expect={"test_accuracy": (">", no_learning + 0.3), "max_loss_gap": ("<", LOSS_TOLERANCE)},
    )
