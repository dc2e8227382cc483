"""Your learning rate is so small that the loss had not started to fall there: training would
crawl. Pick a rate on the steep, falling part of the curve (for example a tenth of the rate at
the minimum)."""


def suggest_lr(lrs, losses):
    return float(lrs[0])
