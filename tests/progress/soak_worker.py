"""One writer of the SIGKILL soak test (run as a script, not collected by pytest).

    python soak_worker.py DB SIDE_FILE COUNT NAME [PAUSE_S]

Records attempts with fresh event ids until SIDE_FILE holds COUNT ids. Each id is appended to
SIDE_FILE only after `record_attempt` returned, so the side file lists exactly the confirmed
commits (a kill between the commit and the append leaves one unconfirmed row, which is allowed).
A restarted worker continues from the ids already in its side file. PAUSE_S (default 0) paces
the writes, so that a fast machine cannot finish before the test has landed all its kills.
"""

import os
import sys
import time
import uuid

from ldl.progress.store import ProgressStore

db, side_file, count, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pause_s = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
with open(side_file, "a+", encoding="utf-8") as fh:
    fh.seek(0)
    done = sum(1 for line in fh if line.endswith("\n"))
store = ProgressStore(db)
fd = os.open(side_file, os.O_WRONLY | os.O_APPEND)
for _ in range(count - done):
    event_id = str(uuid.uuid4())
    store.record_attempt(f"soak-{name}", "pass", 0.0, feedback_digest=name, event_id=event_id)
    os.write(fd, f"{event_id}\n".encode())
    time.sleep(pause_s)
