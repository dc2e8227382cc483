"""Starting JupyterLab on a learner's notebook, reachable from this computer only.

The server binds to 127.0.0.1 (never all interfaces), serves the workspace folder, and is protected
by a fresh random token; we choose the port and the token ourselves so that we can print the exact
URL before the server starts. A browser is opened only when there is a display to open it on.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


@dataclass
class JupyterLaunch:
    notebook: Path
    root: Path  # the folder the server serves (the workspace)
    port: int
    token: str
    open_browser: bool

    @property
    def page(self) -> str:
        """The notebook's page, relative to the server's root."""
        return "/lab/tree/" + quote(self.notebook.resolve().relative_to(self.root.resolve()).as_posix())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.page}?token={self.token}"

    def command(self) -> list[str]:
        """The JupyterLab command line, using the interpreter that runs ldl."""
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",  # fail rather than silently serve elsewhere than the URL
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.open_browser=" + ("True" if self.open_browser else "False"),
            f"--LabApp.default_url={self.page}",
            *(["--allow-root"] if running_as_root() else []),  # e.g. inside a container
        ]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def has_display() -> bool:
    """Whether a browser could open here (a desktop session, macOS or Windows)."""
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def plan_launch(
    notebook: Path, root: Path, port: int | None = None, open_browser: bool | None = None
) -> JupyterLaunch:
    return JupyterLaunch(
        notebook=notebook,
        root=root,
        port=port or free_port(),
        token=secrets.token_urlsafe(24),
        open_browser=has_display() if open_browser is None else open_browser,
    )


def start(launch: JupyterLaunch, quiet: bool = False) -> subprocess.Popen:
    """Start the server in the background; the caller waits for it and stops it (`stop`).

    The server gets its own session, so Ctrl-C in the terminal reaches only ldl, which then stops
    the server cleanly (rather than JupyterLab asking "Shutdown this Jupyter server?"). On Linux
    the server is also told to receive SIGTERM when ldl dies, however it dies: even a SIGKILLed
    ldl, which cannot run any clean-up of its own, leaves no JupyterLab behind."""
    output = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(
        launch.command(),
        cwd=launch.root,
        stdout=output,
        stderr=output,
        start_new_session=True,
        preexec_fn=die_with_parent() if sys.platform == "linux" else None,
    )


def die_with_parent() -> Callable[[], None]:
    """A function for the child to run before exec: it asks Linux to send SIGTERM when its parent
    dies (prctl PR_SET_PDEATHSIG) and restores default SIGINT handling (a parent started in the
    background ignores SIGINT, and children inherit that). libc is loaded here, in the parent,
    because the child between fork and exec should do as little as possible."""
    import ctypes

    libc, parent = ctypes.CDLL(None, use_errno=True), os.getpid()

    def in_child() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return in_child


def serve(launch: JupyterLaunch, quiet: bool = False) -> None:
    """Run the server until it exits or ldl is stopped: Ctrl-C, a closed terminal (SIGHUP) or
    SIGTERM all shut the server down with it, so it never lingers without its ldl."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    server = start(launch, quiet)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop(server: subprocess.Popen, grace_s: float = 10) -> None:
    """Ask the server to shut down (SIGTERM: it stops its kernels), then kill it if it lingers."""
    server.terminate()
    try:
        server.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
