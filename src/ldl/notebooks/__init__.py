"""Notebooks: materialise jupytext labs as .ipynb, and execute them headless."""
