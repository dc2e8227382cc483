"""You multiplied the densities and took the log at the end. Products leave the float range: with a
tiny σ the density far from μ is exactly 0.0, and a product of 100,000 densities below 1
underflows to 0.0, so the log is -inf. Take the log of each density first and add the logs:
Σ [−½ log(2πσ²) − (xₙ − μ)² / (2σ²)], which never leaves the float range."""

import numpy as np


def gaussian_log_likelihood(x, mu, sigma):
    densities = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
    return float(np.log(np.prod(densities)))
