# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: generative_models
#     title: "Generative models: a VAE and a GAN on Fashion-MNIST"
#     unit: deep-dive.generative-models
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 90
#     tour: false
#     fast_timeout: 300
# ---

# %% [markdown]
# # Generative models: a VAE and a GAN on Fashion-MNIST
#
# Every model so far mapped an image to a label. A *generative* model learns the distribution of the
# images themselves, so it can make new ones. This lab trains the two classic families side by side,
# in PyTorch (you wrote their losses yourself in the exercises `reparameterisation`, `vae_elbo` and
# `gan_losses`; here they are the same formulas in torch):
#
# - a **variational autoencoder** (VAE), which learns an encoder to a Gaussian latent code and a
#   decoder back, trained by maximising the evidence lower bound (ELBO); it gives a likelihood you
#   can measure, and a smooth latent space you can walk through;
# - a **generative adversarial network** (GAN), a generator and a discriminator playing a game; no
#   likelihood at all, often sharper samples, and famously fickle training.
#
# **Accompanies:** [MIT 6.S191](http://introtodeeplearning.com/) lecture 4 (deep generative
# modelling); [Dive into Deep Learning, chapter 20](https://d2l.ai/chapter_generative-adversarial-networks/index.html);
# the papers: Kingma and Welling, [Auto-Encoding Variational Bayes](https://arxiv.org/abs/1312.6114),
# and Goodfellow et al., [Generative Adversarial Nets](https://arxiv.org/abs/1406.2661).

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from ldl.data.fallbacks import load_image_classification
from ldl.notebooks.lab import FAST, report

torch.manual_seed(0)
torch.set_num_threads(1)  # small models: one thread is fastest on a shared CPU
rng = np.random.default_rng(0)

fashion = load_image_classification("fashion-mnist", fast=FAST)
num_train = 6000 if FAST else 60000
train_idx = rng.permutation(len(fashion.train_images))[:num_train]
x_train = torch.tensor(fashion.train_images[train_idx].reshape(-1, 784) / 255.0, dtype=torch.float32)
x_test = torch.tensor(fashion.test_images[:2000].reshape(-1, 784) / 255.0, dtype=torch.float32)
print(f"{len(x_train)} training and {len(x_test)} test images of 28 x 28, pixels in [0, 1]")


def show_grid(images, title, rows=4):
    images = np.asarray(images).reshape(-1, 28, 28)
    cols = int(np.ceil(len(images) / rows))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.9, rows * 0.9))
    for ax, image in zip(axes.flat, images):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    for ax in axes.flat:
        ax.axis("off")
    fig.suptitle(title)
    plt.show()


# %% [markdown]
# ## 1. The bar to clear: independent pixels
#
# A generative model's quality is its negative log-likelihood on test images, in nats per image
# (lower is better). The simplest model treats every pixel as an independent coin with the training
# set's average brightness at that position. It knows where the clothes usually are and nothing else.

# %%
pixel_mean = x_train.mean(0).clamp(1e-4, 1 - 1e-4)  # (784,)
baseline_logits = torch.log(pixel_mean) - torch.log1p(-pixel_mean)
baseline_nll = (
    F.binary_cross_entropy_with_logits(baseline_logits.expand_as(x_test), x_test, reduction="none")
    .sum(1)
    .mean()
    .item()
)
print(f"independent-pixel model: {baseline_nll:.1f} nats per test image")

# %% [markdown]
# ## 2. A variational autoencoder
#
# The encoder maps an image to the mean and log-variance of a Gaussian over an 8-dimensional code;
# we draw z with the reparameterisation trick, decode it to 784 pixel logits, and minimise the
# negative ELBO: reconstruction (Bernoulli log-likelihood, summed over pixels) plus the KL from the
# code's Gaussian to N(0, I). The negative ELBO is an upper bound on the negative log-likelihood, so
# beating the baseline with it is an honest win.

# %%
LATENT = 8


class VAE(nn.Module):
    def __init__(self, hidden=400):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 2 * LATENT))
        self.decoder = nn.Sequential(nn.Linear(LATENT, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    def forward(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=1)  # (B, LATENT) each
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)  # the reparameterisation trick
        return self.decoder(z), mu, logvar


def negative_elbo(logits, x, mu, logvar):
    reconstruction = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)  # (B,)
    kl = 0.5 * (logvar.exp() + mu**2 - 1 - logvar).sum(1)  # (B,)
    return (-reconstruction + kl).mean(), kl.mean()


vae = VAE()
optimizer = torch.optim.Adam(vae.parameters(), lr=1e-3)
vae_epochs = 3 if FAST else 30
history = []
start = time.perf_counter()
for epoch in range(vae_epochs):
    for batch in torch.randperm(len(x_train)).split(128):
        logits, mu, logvar = vae(x_train[batch])
        loss, _ = negative_elbo(logits, x_train[batch], mu, logvar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        logits, mu, logvar = vae(x_test)
        test_loss, test_kl = negative_elbo(logits, x_test, mu, logvar)
    history.append(test_loss.item())
    print(f"epoch {epoch + 1}: test negative ELBO {test_loss.item():.1f} nats (KL {test_kl.item():.1f})")
vae_seconds = time.perf_counter() - start
vae_nelbo = history[-1]

fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(range(1, vae_epochs + 1), history, marker="o", label="VAE, negative ELBO")
ax.axhline(baseline_nll, color="gray", ls="--", label="independent pixels")
ax.set_xlabel("epoch")
ax.set_ylabel("nats per test image")
ax.legend()
plt.show()

# %%
with torch.no_grad():
    samples = torch.sigmoid(vae.decoder(torch.randn(32, LATENT))).numpy()  # decode codes from the prior
show_grid(samples, "VAE: decoded from z ~ N(0, I)")

# %% [markdown]
# VAE samples are recognisable but soft: the Bernoulli likelihood rewards hedging on uncertain pixels,
# and the decoder shows us the mean. Now walk in a straight line between the codes of two test
# images; if the KL has done its job the latent space has no holes and every point on the way decodes
# to something plausible.

# %%
with torch.no_grad():
    mu_pair = vae.encoder(x_test[[0, 1]]).chunk(2, dim=1)[0]  # the codes' means, (2, LATENT)
    steps = torch.linspace(0, 1, 10)[:, None]
    path = (1 - steps) * mu_pair[0] + steps * mu_pair[1]  # (10, LATENT)
    walk = torch.sigmoid(vae.decoder(path)).numpy()
show_grid(walk, "a straight line through the latent space", rows=1)

# %% [markdown]
# ## 3. A GAN
#
# The generator turns 32 noise numbers into an image; the discriminator outputs a logit "real or
# fake". We alternate one step of each, with the losses of the `gan_losses` exercise: the
# discriminator's binary cross-entropy, and the **non-saturating** generator loss
# softplus(-D(G(z))). Adam with β₁ = 0.5 is the DCGAN paper's recipe for stability.

# %%
NOISE = 32
generator = nn.Sequential(
    nn.Linear(NOISE, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Sigmoid()
)  # fmt: skip
discriminator = nn.Sequential(
    nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1)
)
g_optimizer = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
fixed_noise = torch.randn(32, NOISE)
real_mean = x_test.mean(0)


def mean_image_gap():
    """Distance between the average generated image and the average real one (a crude but honest
    sign that the generator has learned where the clothes are)."""
    with torch.no_grad():
        return (generator(torch.randn(1000, NOISE)).mean(0) - real_mean).norm().item()


gap_at_start = mean_image_gap()
gan_steps = 500 if FAST else 30000
d_losses, g_losses = [], []
start = time.perf_counter()
for _ in range(gan_steps):
    real = x_train[torch.randint(len(x_train), (64,))]
    fake = generator(torch.randn(64, NOISE))
    real_logits, fake_logits = discriminator(real), discriminator(fake.detach())
    d_loss = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    d_optimizer.zero_grad()
    d_loss.backward()
    d_optimizer.step()
    g_loss = F.softplus(-discriminator(fake)).mean()  # non-saturating
    g_optimizer.zero_grad()
    g_loss.backward()
    g_optimizer.step()
    d_losses.append(d_loss.item())
    g_losses.append(g_loss.item())
gan_seconds = time.perf_counter() - start
gap_at_end = mean_image_gap()
print(f"{gan_steps} steps in {gan_seconds:.0f} s; mean-image gap {gap_at_start:.2f} -> {gap_at_end:.2f}")

fig, ax = plt.subplots(figsize=(6, 3))
window = 50
ax.plot(np.convolve(d_losses, np.ones(window) / window, "valid"), label="discriminator")
ax.plot(np.convolve(g_losses, np.ones(window) / window, "valid"), label="generator")
ax.set_xlabel("step")
ax.set_ylabel("loss (moving average)")
ax.legend()
plt.show()
with torch.no_grad():
    show_grid(generator(fixed_noise).numpy(), "GAN: samples from fixed noise")

# %% [markdown]
# The two losses do not fall together like a classifier's: they are opponents, and a healthy run
# hovers. Look at the grid for **mode collapse**: near-duplicate samples, or whole classes (shoes,
# bags) missing. Short runs often show it.
#
# Why the non-saturating loss? When the discriminator confidently rejects a fake (logit l ≪ 0), the
# saturating loss log(1 - σ(l)) is flat and its gradient vanishes exactly when the generator is worst:

# %%
logits = np.linspace(-10, 5, 200)
sigmoid = 1 / (1 + np.exp(-logits))
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(logits, np.abs(-sigmoid), label="saturating: |d/dl log(1 - σ(l))| = σ(l)")
ax.plot(logits, np.abs(-(1 - sigmoid)), label="non-saturating: |d/dl -log σ(l)| = 1 - σ(l)")
ax.set_xlabel("discriminator logit for a fake")
ax.set_ylabel("gradient magnitude")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## What to reproduce
#
# - Train the VAE with a 2-dimensional code and plot the test images' codes coloured by class: which
#   classes overlap? Then decode a grid of points in that plane.
# - Replace the GAN's generator loss by the saturating one and train again from the same seed. Plot
#   both generator-loss curves and compare the sample grids.
# - Count mode collapse: classify 1,000 GAN samples with the CNN from the `cnn_from_scratch` lab and
#   plot the histogram of predicted classes against the uniform one.
# - Stretch goal: a small denoising diffusion model (Ho et al., [DDPM](https://arxiv.org/abs/2006.11239)):
#   a network that predicts the noise added at step t, trained with a plain MSE, sampled by
#   running the noising process backwards.

# %%
report(
    baseline_nats_per_image=round(baseline_nll, 1),
    vae_negative_elbo=round(vae_nelbo, 1),
    vae_seconds=round(vae_seconds, 1),
    gan_mean_image_gap_start=round(gap_at_start, 3),
    gan_mean_image_gap_end=round(gap_at_end, 3),
    gan_seconds=round(gan_seconds, 1),
    expect={
        "vae_negative_elbo": ("<", baseline_nll - 50),  # an upper bound on NLL, well below the baseline's
        "gan_mean_image_gap_end": ("<", 0.8 * gap_at_start),  # an untrained generator stays at 1.0x
    },
)
