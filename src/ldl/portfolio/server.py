"""`ldl portfolio serve`: preview the built site on 127.0.0.1, with the same headers a careful
static host would send.

The Content-Security-Policy travels as an HTTP header here (a `<meta>` CSP cannot say
`frame-ancestors`), together with `X-Content-Type-Options: nosniff` (a file is only ever what its
type says), `Referrer-Policy: no-referrer` and `Cross-Origin-Opener-Policy: same-origin`. The
server listens on the loopback interface only: a preview is for you, not for the network.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ldl.errors import LdlError
from ldl.portfolio.sanitise import SECURITY_HEADERS
from ldl.portfolio.site import MARKER

HOST = "127.0.0.1"
HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store"}  # no-store: a rebuild shows at once


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves one folder, read-only, with the headers above and without a log line per request."""

    def end_headers(self) -> None:
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def list_directory(self, path):  # no folder listings: a missing index.html is a 404
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args) -> None:
        pass


def make_server(site: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for the site folder on 127.0.0.1:`port` (0: any free port); not yet serving."""
    site = site.resolve()
    if not (site / MARKER).is_file() or not (site / "index.html").is_file():
        raise LdlError(f"{site} holds no portfolio site.", hint="Build one first: `ldl portfolio build`.")
    handler = functools.partial(SiteHandler, directory=str(site))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise LdlError(
            f"Cannot listen on {HOST}:{port} ({error.strerror}).",
            hint="Another program uses that port: pick another with --port (0 picks a free one).",
        ) from None


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve_in_background(site: Path, port: int = 0) -> ThreadingHTTPServer:
    """Start serving in a daemon thread (tests and the screenshot script); call `.shutdown()`."""
    server = make_server(site, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
