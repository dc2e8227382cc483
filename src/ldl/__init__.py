"""ldl: Learning Deep Learning, an executable curriculum from zero to deep RL, by doing.

The package is layered; imports only flow downwards (tests/test_architecture.py enforces it):

    cli                      rendering only: one module per command group
    tour, grading, notebooks the machinery that runs, grades and executes content
    curriculum, progress     what there is to learn (content model) and what the learner did
    engine, mathlab,         the stage libraries: the from-scratch engine (numpy only),
    practical, rl            math helpers, stage-1 helpers around fastai, the RL library
    data, tracking           shared foundations: datasets, runs, checkpoints
    errors, paths, workspace the bottom: error type, where things live
"""

__version__ = "0.1.0"
