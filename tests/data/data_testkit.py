"""Test helpers for ldl.data: a loopback HTTP server that misbehaves on purpose, and datasets for it.

`LoopbackServer` serves byte strings on 127.0.0.1 (a free port), counts requests per path, and can
truncate (with or without Content-Length), flip a byte, drip slowly or hang, as the test asks.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ldl.data.spec import Archive, DataFile, Dataset


@dataclass
class Route:
    body: bytes
    mode: str = "ok"  # ok | truncate | truncate-no-length | flip | slow | hang
    chunk_delay_s: float = 0.05  # for "slow": pause between 16 KiB chunks


@dataclass
class LoopbackServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> LoopbackServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # the connection closes after each response

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.requests[self.path] = server.requests.get(self.path, 0) + 1
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                server.respond(self, route)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def respond(self, handler: BaseHTTPRequestHandler, route: Route) -> None:
        body = route.body
        if route.mode == "hang":
            self.stop.wait(60)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        if route.mode != "truncate-no-length":
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if route.mode in ("truncate", "truncate-no-length"):
            body = body[: len(body) // 2]
        elif route.mode == "flip":
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]
        try:
            if route.mode == "slow":
                for start in range(0, len(body), 16384):
                    handler.wfile.write(body[start : start + 16384])
                    handler.wfile.flush()
                    if self.stop.wait(route.chunk_delay_s):
                        return
            else:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one_file_dataset(url: str, body: bytes, name: str = "blob.bin", **options) -> Dataset:
    """A registry entry for one downloadable file with a verified SHA-256."""
    data_file = DataFile(
        name=name,
        url=url,
        size=len(body),
        sha256=sha256(body),
        verified=True,
        provenance="made by the test",
        mirror_paths=(f"testset/{name}",),
    )
    return Dataset(
        name=options.pop("dataset_name", "testset"),
        title="A test dataset",
        summary="bytes",
        homepage=url,
        licence="CC0",
        citation="none",
        loader="load_tiny_shakespeare",
        files=(data_file,),
        **options,
    )


def archive_dataset(url: str, members: dict[str, bytes], **options) -> Dataset:
    """A registry entry whose files are members of one zip archive (no checksum for the zip)."""
    files = tuple(
        DataFile(
            name=member.rsplit("/", 1)[-1],
            member=member,
            size=len(body),
            sha256=sha256(body),
            verified=True,
            provenance="made by the test",
        )
        for member, body in members.items()
    )
    return Dataset(
        name="archived",
        title="An archived test dataset",
        summary="text",
        homepage=url,
        licence="CC0",
        citation="none",
        loader="load_sentiment",
        files=files,
        archive=Archive(name="bundle.zip", url=url),
        **options,
    )


def wait_for(condition, timeout_s: float = 10.0, every_s: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every_s)
    return False
