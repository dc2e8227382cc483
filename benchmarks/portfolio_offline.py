"""Does a portfolio page work offline, and does hostile content run? ldl against plain nbconvert.

The same notebooks (a capstone with maths, a figure and code; the injection notebook of
tests/portfolio/site_payloads.py) are rendered twice, by the peer, `jupyter nbconvert --to html`
(its default `lab` template, as most tutorials publish notebooks), and by `ldl portfolio build`.
Each page is served from 127.0.0.1 and opened in headless Chromium (Debian's `chromium`), which
records every request that leaves the site (and aborts it: the machine is offline), every dialog
(the payloads call `alert`), and whether the maths rendered (MathML or MathJax output with a size).

Run: `.venv/bin/python benchmarks/portfolio_offline.py [--json]`
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "tests" / "portfolio"))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
MATHS = """() => [...document.querySelectorAll('math, mjx-container, .MathJax')]
  .filter((m) => m.getBoundingClientRect().height > 0).length"""


def plain_server(folder: Path):
    """A static host that sends no security headers (python -m http.server), in a thread."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def peer_site(notebooks: dict[str, Path], folder: Path) -> None:
    """nbconvert's default HTML export of each notebook, as `<name>.html` in `folder`."""
    from nbconvert import HTMLExporter

    folder.mkdir(parents=True)
    for name, path in notebooks.items():
        body, _ = HTMLExporter().from_filename(str(path))
        (folder / f"{name}.html").write_text(body, encoding="utf-8")


def visit(browser, base: str, page_path: str) -> dict:
    context = browser.new_context()
    off_site, dialogs = [], []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def route(handle):
        if handle.request.url.startswith(base):
            handle.continue_()
        else:
            off_site.append(handle.request.url)
            handle.abort()

    context.route("**/*", route)
    page.goto(base + page_path, wait_until="load", timeout=60_000)
    page.wait_for_timeout(1500)  # let scripts that load late (MathJax) try
    result = {
        "off_site_requests": len(off_site),
        "dialogs": len(dialogs),
        "maths_rendered": page.evaluate(MATHS),
    }
    result["scripts"] = page.evaluate("document.scripts.length")
    result["examples"] = sorted({url.split("/")[2] for url in off_site})[:4]
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from site_sample import make_workspace

    from ldl.cli.portfolio import build
    from ldl.portfolio.server import serve_in_background, url_of

    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = make_workspace(Path(scratch) / "workspace", hostile=True)
        notebooks = {
            name: workspace.capstones_dir / name / f"{name}.ipynb" for name in ("digits-mlp", "hostile")
        }
        ours = build(workspace).out_dir
        peer = Path(scratch) / "peer"
        peer_site(notebooks, peer)
        servers = {
            "ldl, `ldl portfolio serve`": serve_in_background(ours),
            "ldl, a plain static host": plain_server(ours),
            "nbconvert, a plain host": plain_server(peer),
        }
        paths = {tool: "{}.html" if tool.startswith("nbconvert") else "capstones/{}.html" for tool in servers}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
                for name in notebooks:
                    for tool, server in servers.items():
                        row = {
                            "notebook": name,
                            "tool": tool,
                            **visit(browser, url_of(server), paths[tool].format(name)),
                        }
                        rows.append(row)
                browser.close()
        finally:
            for server in servers.values():
                server.shutdown()
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    columns = f"{'off-site requests':>17} {'dialogs':>7} {'maths':>5} {'scripts':>7}"
    print(f"{'notebook':11} {'page':27} {columns}  hosts")
    for row in rows:
        print(
            f"{row['notebook']:11} {row['tool']:27} {row['off_site_requests']:17d} {row['dialogs']:7d} "
            f"{row['maths_rendered']:5d} {row['scripts']:7d}  {', '.join(row['examples'])}"
        )


if __name__ == "__main__":
    main()
