"""CLI command: serve a trained image classifier as a small web app on this machine.

    ldl serve                         # the latest `ldl run practical.vision` that exported a model
    ldl serve RUN_ID | RUN_FOLDER     # a run of yours (`ldl runs list`)
    ldl serve path/to/export.pkl      # any export made with fastai's `learn.export()`
    ldl serve --port 0                # any free port; --host 0.0.0.0 opens it to your network

Open the address it prints, choose an image, and the page shows the predicted class and every
class's probability. The same answer comes as JSON from POST /predict with the image as the body
(`curl --data-binary @shoe.png http://127.0.0.1:8000/predict`). The app is in
`ldl.practical.serve`; this module finds the export, binds the socket and prints where to go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ldl.cli import common
from ldl.errors import LdlError, full_install_error, require_full_install

RUN_STAGE, RUN_NAME, EXPORT_FILE = "practical", "vision", "export.pkl"
NO_EXPORT_HINT = (
    "Train and export one with `ldl run practical.vision` (a few minutes) or "
    "`ldl run practical.vision --fast` (seconds, a weaker model), then run `ldl serve` again."
)


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)


def find_export(ref: str | None, root: Path) -> Path:
    """The export file to serve: `ref` is an export file, a folder holding export.pkl, a run id (or
    prefix, or "latest") under `root`; None means the newest practical.vision run with an export."""
    from ldl.tracking.store import find_run, run_dirs

    if ref is None:
        exported = [d for d in run_dirs(root, RUN_STAGE, RUN_NAME) if (d / EXPORT_FILE).is_file()]
        if not exported:
            raise LdlError(f"No exported image classifier under {root}.", hint=NO_EXPORT_HINT)
        return exported[-1] / EXPORT_FILE  # run ids sort by start time
    path = Path(ref).expanduser()
    if path.is_file():
        return path
    if (path / EXPORT_FILE).is_file():
        return path / EXPORT_FILE
    run_dir = find_run(ref, root)
    if not (run_dir / EXPORT_FILE).is_file():
        raise LdlError(
            f"The run {run_dir.name} has no {EXPORT_FILE} (it was stopped early, or it is not an "
            "image-classification run).",
            hint=NO_EXPORT_HINT,
        )
    return run_dir / EXPORT_FILE


def serve(
    run_or_path: Annotated[
        str | None,
        typer.Argument(
            metavar="[RUN_OR_PATH]",
            help="A run id or folder, or an export.pkl (default: your latest practical.vision run).",
        ),
    ] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: any free one).")] = 8000,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Address to listen on (default 127.0.0.1: this machine only). Give another, such as "
            "0.0.0.0, only to let other machines reach the app.",
        ),
    ] = None,
) -> None:
    """Serve an exported image classifier as a web page: upload an image, see the predicted class
    and every class's probability (Ctrl-C stops). An export is a pickle: serve only files you made."""
    from ldl.tracking.store import default_root

    export = find_export(run_or_path, default_root())
    require_full_install("ldl serve")
    try:
        from ldl.practical.serve import bind, is_local, load_classifier, make_app, make_server, url_of
    except ModuleNotFoundError as error:  # starlette or uvicorn: both come with the full install
        raise full_install_error("ldl serve", error.name or "a web server package") from error

    listen = host or "127.0.0.1"  # only an explicit --host opens the app beyond this machine
    classifier = load_classifier(export)
    try:
        sock = bind(listen, port)
    except OSError as error:
        raise LdlError(
            f"Cannot listen on {listen}:{port} ({error.strerror or error}).",
            hint="Another program may be using that port: try `--port 0` for any free one.",
        ) from error
    if not is_local(listen):
        common.console.print(
            f"[yellow]Listening on {listen}: other machines on your network can reach this app.[/]",
            highlight=False,
        )
    common.console.print(
        f"Serving {export} ({len(classifier.classes)} classes) at {url_of(sock)} (Ctrl-C stops)",
        markup=False,
    )
    server = make_server(make_app(classifier), sock)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    common.console.print("Stopped.")
