"""Runs the example MLP in a child process for the kill-and-resume tests.

    python train_child.py ROOT CONFIG_JSON ORDER_LOG [RESUME]

ROOT is the runs root, CONFIG_JSON the example Config's fields, ORDER_LOG a file that receives one
JSON line per step: {"step", "epoch", "indices"} (which examples that step trained on). RESUME is a
run folder to continue. Prints the TrainResult as JSON on the last line.
"""

import json
import sys

from ldl.tracking.example_mlp import Config, train


def main() -> None:
    root, config_json, order_log = sys.argv[1:4]
    resume = sys.argv[4] if len(sys.argv) > 4 else None
    config = Config(**json.loads(config_json))
    with open(order_log, "a", encoding="utf-8") as log:

        def progress(event):
            record = {"step": event.step, "epoch": event.epoch, "indices": event.batch_indices.tolist()}
            log.write(json.dumps(record) + "\n")
            log.flush()

        result = train(config, resume=resume, root=root, progress=progress)
    print(
        json.dumps(
            {
                "run_dir": str(result.run_dir),
                "steps": result.steps,
                "interrupted": result.interrupted,
                "metrics": result.metrics,
            }
        )
    )


if __name__ == "__main__":
    main()
