"""What a running lab imports: `FAST` (shrink the work for CI) and `report(...)` (key metrics).

    from ldl.notebooks.lab import FAST, report
    epochs = 1 if FAST else 10
    ...
    report(accuracy=0.91)

`report` appends one JSON line to the file named by LDL_LAB_REPORT, which the notebook runner sets
and reads back; outside the runner it prints the metrics instead. Standard library only.
"""

from __future__ import annotations

import json
import os

FAST: bool = os.environ.get("LDL_FAST", "") not in ("", "0", "false", "False")


def report(**metrics: float | int | str) -> None:
    """Record the lab's key metrics. The first one is the headline shown by `ldl tour`."""
    clean = {k: (v.item() if hasattr(v, "item") else v) for k, v in metrics.items()}
    target = os.environ.get("LDL_LAB_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(clean) + "\n")
    else:
        print("lab metrics:", ", ".join(f"{k}={v}" for k, v in clean.items()))
