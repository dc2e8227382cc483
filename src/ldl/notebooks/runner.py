"""Execute a notebook headless, cell by cell, and say exactly what happened.

    result = run_notebook("labs/1-practical/first_model.ipynb", timeout_per_cell=120,
                          env={"LDL_FAST": "1"})
    result.status            # "ok", "error" or "timeout"
    result.cells[3].error_name, result.cells[3].traceback
    result.metrics           # what the lab passed to ldl.notebooks.lab.report(...)

How it stays safe:
- every cell has a timeout (nbclient's default is none at all), and the whole notebook may have
  one too (`total_timeout`, e.g. a lab's `fast_timeout`);
- when a cell runs out of time the kernel is killed, not interrupted: an interrupt is only a
  KeyboardInterrupt, which code can swallow (`except BaseException: pass`) and hang the run. We
  SIGKILL the kernel's process group (jupyter_client starts the kernel in its own session) and any
  descendant that left the group, and reap them: no kernel outlives `run_notebook`, whatever
  happened (an error, a timeout, Ctrl-C in the caller);
- the kernel is the interpreter running ldl (jupyter_client runs a `python` kernelspec with
  `sys.executable`), so labs can `import ldl`.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldl.errors import LdlError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
NATIVE_KERNEL = "python3"  # the kernel that runs in ldl's own interpreter
TRACEBACK_LINES = 12  # how much of a traceback the result keeps (the end, where the error is)


@dataclass
class CellResult:
    index: int  # position among all of the notebook's cells (markdown included)
    status: str  # ok, error, timeout, or not_run (an earlier cell failed or time ran out)
    duration_s: float
    first_line: str  # the cell's first non-empty line, to recognise it
    error_name: str | None = None  # e.g. "ZeroDivisionError"
    error_message: str | None = None
    traceback: str | None = None  # the last TRACEBACK_LINES lines, without colour codes


@dataclass
class NotebookResult:
    path: Path | None
    status: str  # ok, error or timeout
    duration_s: float
    cells: list[CellResult] = field(default_factory=list)  # code cells only
    metrics: dict[str, Any] = field(default_factory=dict)  # from ldl.notebooks.lab.report, in order
    error: str | None = None  # one line: which cell failed and how
    kernel_pid: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def run_notebook(
    notebook: str | Path | Any,
    timeout_per_cell: float = 600,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    kernel_name: str = "python3",
    total_timeout: float | None = None,
    on_cell: Callable[[CellResult], None] | None = None,
) -> NotebookResult:
    """Run every code cell of `notebook` (a path or an nbformat notebook) in a fresh kernel.

    Stops at the first cell that fails or runs out of time; later cells are `not_run`. `env` is
    added to this process's environment for the kernel; `cwd` defaults to the notebook's folder.
    `on_cell` is called after each cell (for progress displays).
    """
    path, nb = _load(notebook)
    cwd = Path(cwd or (path.parent if path else Path.cwd()))
    code_cells = [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    result = NotebookResult(path=path, status="ok", duration_s=0.0)
    start = time.monotonic()
    budget = Budget(timeout_per_cell, start + total_timeout if total_timeout else math.inf)
    with tempfile.TemporaryDirectory(prefix="ldl-lab-") as scratch:
        report_file = Path(scratch) / "report.jsonl"
        kernel_env = {"MPLBACKEND": "Agg", **os.environ, **(env or {}), "LDL_LAB_REPORT": str(report_file)}
        try:
            _execute(
                _client(nb, kernel_name, timeout_per_cell, cwd),
                code_cells,
                result,
                budget,
                kernel_env,
                on_cell,
            )
        finally:
            result.duration_s = time.monotonic() - start
        result.metrics = read_metrics(report_file)
    return result


@dataclass(frozen=True)
class Budget:
    """How long cells may run: each at most `per_cell` seconds, and all of them before `deadline`."""

    per_cell: float
    deadline: float  # a time.monotonic() value; math.inf when the notebook as a whole is unlimited

    def next_cell(self) -> float:
        return min(self.per_cell, self.deadline - time.monotonic())


def _client(nb, kernel_name: str, timeout_per_cell: float, cwd: Path):
    from nbclient import NotebookClient

    options = {"kernel_manager_class": _ldl_kernel_manager()} if kernel_name == NATIVE_KERNEL else {}
    return NotebookClient(
        nb,
        **options,
        timeout=math.ceil(timeout_per_cell),
        kernel_name=kernel_name,
        interrupt_on_timeout=False,  # we kill instead (see the module docstring)
        shutdown_kernel="immediate",
        startup_timeout=120,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not its TCP-without-encryption warning
        resources={"metadata": {"path": str(cwd)}},  # the kernel's working directory
    )


@functools.cache
def _ldl_kernel_manager():
    """A kernel manager whose "python3" kernel is always this interpreter (the one running ldl).

    Without it, a "python3" kernelspec in the learner's own Jupyter folders (say, from a global or
    conda Jupyter) would win, and labs would run in a Python that cannot `import ldl`. With no
    kernelspec folders to search, jupyter_client falls back to ipykernel's built-in spec, which
    runs `sys.executable`."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class LdlKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return KernelSpecManager(kernel_dirs=[])

    return LdlKernelManager


def _execute(client, code_cells, result: NotebookResult, budget: Budget, kernel_env, on_cell) -> None:
    """Start the kernel, run the cells until one fails, and always kill the kernel afterwards."""
    client.reset_execution_trackers()
    try:
        with client.setup_kernel(env=kernel_env):
            result.kernel_pid = _kernel_pid(client.km)
            try:
                client.wait_for_reply(client.kc.kernel_info())
                for position, (index, cell) in enumerate(code_cells):
                    cell_result = _run_cell(client, cell, index, budget)
                    result.cells.append(cell_result)
                    if on_cell:
                        on_cell(cell_result)
                    if cell_result.status != "ok":
                        result.status, result.error = cell_result.status, _summary(cell_result)
                        result.cells += [_not_run(i, c) for i, c in code_cells[position + 1 :]]
                        break
            finally:
                kill_kernel(client.km)
    except RuntimeError as error:  # the kernel did not start (or died between cells)
        result.status, result.error = "error", f"the kernel failed: {error}"
    finally:
        if client.km is not None:  # e.g. the kernel started but never became ready
            kill_kernel(client.km)


def _run_cell(client, cell, index: int, budget: Budget) -> CellResult:
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    outcome = CellResult(index=index, status="ok", duration_s=0.0, first_line=_first_line(cell.source))
    seconds = budget.next_cell()
    if seconds <= 0:
        return _failed(outcome, "timeout", None, "the notebook's time budget ran out")
    client.timeout = math.ceil(seconds)  # nbclient wants whole seconds
    start = time.monotonic()
    try:
        client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    except CellTimeoutError:
        message = f"the cell ran longer than {client.timeout} s, so its kernel was killed"
        _failed(outcome, "timeout", "CellTimeoutError", message)
    except CellExecutionError as error:
        _failed(outcome, "error", error.ename, error.evalue, _tail(error.traceback))
    except DeadKernelError as error:
        message = f"the kernel died while running this cell (out of memory?): {error}"
        _failed(outcome, "error", "DeadKernelError", message)
    outcome.duration_s = time.monotonic() - start
    return outcome


def _failed(cell: CellResult, status: str, name: str | None, message: str, traceback: str | None = None):
    cell.status, cell.error_name, cell.error_message, cell.traceback = status, name, message, traceback
    return cell


def kill_kernel(km) -> None:
    """SIGKILL the kernel, its process group and every descendant, and reap them."""
    import psutil

    pid = _kernel_pid(km)
    if pid is None:
        return
    try:
        kernel = psutil.Process(pid)
        family = [kernel, *kernel.children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    try:
        os.killpg(pid, signal.SIGKILL)  # the kernel leads its own session, so pgid == pid
    except (ProcessLookupError, PermissionError):
        pass
    for process in family:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)
    process_handle = getattr(getattr(km, "provisioner", None), "process", None)
    if process_handle is not None:
        process_handle.poll()  # lets subprocess know its child is gone


def read_metrics(report_file: Path) -> dict[str, Any]:
    """Merge the JSON lines that `ldl.notebooks.lab.report` appended (later values win; the first
    key stays first). Lines that are not JSON objects are skipped."""
    metrics: dict[str, Any] = {}
    if not report_file.exists():
        return metrics
    for line in report_file.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            metrics.update(entry)
    return metrics


def _load(notebook: str | Path | Any) -> tuple[Path | None, Any]:
    """(path or None, a validated nbformat v4 notebook); an LdlError for anything unreadable."""
    import nbformat

    if not isinstance(notebook, (str, Path)):
        return None, nbformat.reads(nbformat.writes(notebook), as_version=4)  # a copy: outputs go there
    path = Path(notebook)
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except FileNotFoundError:
        raise LdlError(f"There is no notebook at {path}.") from None
    except (nbformat.reader.NotJSONError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise LdlError(
            f"{path} is not a notebook: it is not valid JSON ({error}).",
            hint="Restore it with `ldl reset LAB`, which keeps a backup of this file.",
        ) from None
    except (nbformat.ValidationError, KeyError, AttributeError, TypeError) as error:
        message = str(error).splitlines()[0]
        raise LdlError(
            f"{path} is not a valid notebook: {message}",
            hint="Restore it with `ldl reset LAB`, which keeps a backup of this file.",
        ) from None
    return path, nb


def _kernel_pid(km) -> int | None:
    provisioner = getattr(km, "provisioner", None)
    pid = getattr(provisioner, "pid", None) if provisioner else None
    if pid is None:
        pid = getattr(getattr(provisioner, "process", None), "pid", None)
    return pid


def _not_run(index: int, cell) -> CellResult:
    return CellResult(index=index, status="not_run", duration_s=0.0, first_line=_first_line(cell.source))


def _first_line(source: str) -> str:
    return next((line.strip() for line in source.splitlines() if line.strip()), "")[:80]


def _tail(traceback: str | None) -> str | None:
    if not traceback:
        return None
    lines = ANSI.sub("", traceback).rstrip().splitlines()
    return "\n".join(lines[-TRACEBACK_LINES:])


def _summary(cell: CellResult) -> str:
    what = f"{cell.error_name}: {cell.error_message}" if cell.error_name else cell.error_message
    return f"cell {cell.index} ({cell.first_line!r}) {cell.status}: {what}"
