"""Make docs/images/portfolio.png, the README's picture of a portfolio (not a test).

    .venv/bin/python tests/portfolio/make_screenshot.py [OUT.png]

Builds the sample workspace of site_sample.py with the worked capstone examples of
examples/capstones/, serves it on 127.0.0.1 and photographs the front page and the worked Capstone I
example's page (docs/images/portfolio-capstone.png) in headless Chromium; the PNGs are reduced to
256 colours so that they stay small (< 300 KB).
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from site_sample import make_workspace  # noqa: E402

from ldl.cli.portfolio import build  # noqa: E402
from ldl.portfolio.server import serve_in_background, url_of  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main(out: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        workspace = make_workspace(
            Path(scratch) / "workspace", capstones=REPOSITORY / "examples" / "capstones"
        )
        shutil.rmtree(workspace.capstones_dir / "digits-mlp")  # the worked examples replace the test one
        result = build(workspace)
        server = serve_in_background(result.out_dir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
                page = browser.new_page(viewport={"width": 1000, "height": 900})
                page.goto(url_of(server) + "index.html", wait_until="load")
                shots = {out: page.screenshot(full_page=True)}
                capstone = next(p for p in result.pages if "digits_mlp" in str(p))
                page.goto(url_of(server) + Path(capstone).as_posix(), wait_until="load")
                shots[out.with_name("portfolio-capstone.png")] = page.screenshot(full_page=False)
                browser.close()
        finally:
            server.shutdown()
    for path, shot in shots.items():
        image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=256)
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, optimize=True)
        size = f"{path.stat().st_size / 1024:.0f} KB, {image.width}x{image.height}"
        print(f"wrote {path} ({size}) from a site of {len(result.pages)} pages")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPOSITORY / "docs" / "images" / "portfolio.png")
