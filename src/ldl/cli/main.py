"""The console script `ldl` (and `python -m ldl`): gives `ldl check ID` its head start, then runs
the CLI.

Before anything heavy is imported, `ldl.grading.early.prestart` looks at the command line and, for
`ldl check ID`, starts the learner's sandboxed child, so that it runs while typer, rich and the
content models load (see that module). Every other command line goes straight to the CLI.

`ldl check ID` also skips the interpreter's teardown once it has finished (the exit handlers run
and the output is flushed, then the process ends): unloading a thousand modules (numpy, pydantic,
rich...) takes ~50 ms, a tenth of the check. Nothing is pending by then: the store was closed by
the command, the grading threads were joined and the run folder removed.
"""

from __future__ import annotations

import sys


def main() -> None:
    from ldl.grading import early

    checking = early.prestart(sys.argv[1:])
    from ldl.cli.app import app

    if not checking:
        app(prog_name="ldl")
        return
    try:
        app(prog_name="ldl")
    except SystemExit as done:
        _exit_now(done.code)
    _exit_now(0)


def _exit_now(code: object) -> None:
    import atexit
    import os

    if code is not None and not isinstance(code, int):  # what `sys.exit("message")` would print
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()  # noqa: SLF001 - what the teardown would run first (early's clean-up)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
