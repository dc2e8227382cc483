"""`ldl portfolio serve`: loopback only, the security headers on every response, no listings."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from ldl.errors import LdlError
from ldl.portfolio.sanitise import CSP
from ldl.portfolio.server import HOST, make_server, serve_in_background, url_of
from ldl.portfolio.site import MARKER


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    (folder / "runs").mkdir(parents=True)
    (folder / MARKER).write_text("")
    (folder / "index.html").write_text("<!doctype html><title>t</title>hello")
    return folder


def test_serves_with_the_csp_header_on_loopback_only(site):
    server = serve_in_background(site, port=0)
    try:
        assert server.server_address[0] == HOST == "127.0.0.1"
        with urllib.request.urlopen(url_of(server), timeout=30) as response:
            assert response.status == 200 and b"hello" in response.read()
            assert response.headers["Content-Security-Policy"] == CSP
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Referrer-Policy"] == "no-referrer"
        with pytest.raises(urllib.error.HTTPError) as listing:
            urllib.request.urlopen(url_of(server) + "runs/", timeout=30)
        assert listing.value.code == 404
        assert listing.value.headers["Content-Security-Policy"] == CSP  # errors carry it too
    finally:
        server.shutdown()
        server.server_close()


def test_refuses_a_folder_that_holds_no_site(tmp_path):
    with pytest.raises(LdlError, match="holds no portfolio site"):
        make_server(tmp_path, port=0)


def test_a_busy_port_is_a_clear_error(site):
    server = make_server(site, port=0)
    try:
        with pytest.raises(LdlError, match="Cannot listen"):
            make_server(site, port=server.server_address[1])
    finally:
        server.server_close()
