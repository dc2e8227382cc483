"""Notebooks: materialise jupytext labs as .ipynb, and execute them headless.

lab.py          what a running lab imports: FAST and report(...)
materialise.py  a lab's jupytext source -> the learner's notebook (never overwritten)
runner.py       run_notebook: nbclient with a timeout on every cell, kernels killed, no orphans
labs.py         running a lab for the learner (`ldl lab-run`) or the tour, and listing labs
own_engine.py   the learner's own exercise files (or stand-ins) imported for a lab to train with
jupyter.py      starting JupyterLab on 127.0.0.1 (`ldl open`)
"""
