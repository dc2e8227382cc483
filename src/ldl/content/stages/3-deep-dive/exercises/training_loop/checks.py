"""Checks for training_loop: one epoch's batch losses (batches of 16 with a short last one, of 1,
one batch holding everything; shuffled with the generator passed in, and x and y left as they
were), evaluation with a short last batch (batches of 16 and of 7), and whole fits; model and
optimiser are the learner's own module_linear and sgd_momentum (the references' on the expected
side), trained on a synthetic three-class problem."""

import numpy as np

from ldl.grading.spec import Case


def blobs(seed, num_examples):
    """Three Gaussian clusters in 4-D."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=2.0, size=(3, 4))
    y = rng.integers(0, 3, size=num_examples)
    return centres[y] + rng.normal(size=(num_examples, 4)), y


def _model_and_optimizer(seed, lr, momentum):
    import module_linear  # the learner's own files, beside theirs
    import sgd_momentum

    rng = np.random.default_rng(seed)
    model = module_linear.Sequential(
        module_linear.Linear(4, 16, rng), module_linear.ReLU(), module_linear.Linear(16, 3, rng)
    )
    return model, sgd_momentum.SGD(model.parameters(), lr=lr, momentum=momentum)


def one_epoch(module, x, y, batch_size, seed):
    model, optimizer = _model_and_optimizer(seed, lr=0.1, momentum=0.9)
    losses = module.train_epoch(model, optimizer, x, y, batch_size, np.random.default_rng(seed))
    return {"losses": np.array(losses, dtype=float), "weights": [p.data for p in model.parameters()]}


def evaluation(module, num_examples, batch_size):
    x, y = blobs(1, num_examples)
    model, _ = _model_and_optimizer(2, lr=0.1, momentum=0.0)
    before = [p.data.copy() for p in model.parameters()]
    loss, accuracy = module.evaluate(model, x, y, batch_size)
    unchanged = all(np.array_equal(a, p.data) for a, p in zip(before, model.parameters(), strict=True))
    return {"loss": loss, "accuracy": accuracy, "weights_unchanged": unchanged}


def whole_fit(module, num_epochs, batch_size, seed):
    x, y = blobs(3, 120)
    model, optimizer = _model_and_optimizer(seed, lr=0.05, momentum=0.9)
    history = module.fit(model, optimizer, x[:90], y[:90], x[90:], y[90:], batch_size, num_epochs, seed)
    history = {key: np.array(values, dtype=float) for key, values in history.items()}
    history["learned"] = bool(history["val_accuracy"][-1] > 0.8)
    return history


def cases():
    x, y = blobs(0, 50)
    return [
        Case("one epoch, batches of 16 (the last has 2)", probe="one_epoch", args=(x, y, 16, 0)),
        Case("one epoch, batches of 1", probe="one_epoch", args=(x, y, 1, 1)),
        Case("one epoch, one batch holding everything", probe="one_epoch", args=(x, y, 64, 2)),
        Case("evaluate 50 examples in batches of 16", probe="evaluation", args=(50, 16)),
        Case("evaluate in batches of 7", probe="evaluation", args=(50, 7)),
        Case("fit: 8 epochs, batches of 16", probe="whole_fit", args=(8, 16, 0)),
        Case("fit: 3 epochs, batches of 32", probe="whole_fit", args=(3, 32, 1)),
    ]
