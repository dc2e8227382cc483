"""Downloading one file so that a bad copy can never appear at its final path.

The recipe, per file:

1. Take a cross-process lock on `<name>.lock` (filelock), so that eight notebooks asking for the
   same dataset at once download it once: the first downloads, the others wait, then find it.
2. Stream the bytes into a temporary file inside a private staging folder (`.partial/<name>/`),
   with a timeout on every network wait, and count them against the server's Content-Length.
3. Let pooch check the checksum and rename the temporary file; then rename it once more into the
   dataset's folder. A rename within one file system is atomic: readers see no file, or all of it.
4. On failure, delete the temporary file and try again (`attempts` times in all, waiting a little
   longer each time), then raise an error that says what to do.

If the process is killed mid-download, only the staging folder is left behind; the final path
never held a partial file. `ldl data gc` deletes abandoned staging folders and stale lock files.

Downloads use https wherever the host offers it: a registry URL that says http is tried as https
first (`secure_url`; an S3 static-website address, which has no https, becomes the bucket's https
address). Only if the https host cannot be reached at all does ldl fall back to the plain URL,
and only for a file with a known SHA-256, which protects its bytes on any route.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from ldl.errors import LdlError

PARTIAL_DIR = ".partial"
BACKOFF_S = 0.5  # wait before the 2nd attempt; doubled before each later one


class DownloadError(ValueError):
    """One failed attempt (a ValueError, so pooch treats it like a checksum mismatch)."""


def worst_case_seconds(timeout_s: float, attempts: int) -> float:
    """The longest a download of an unresponsive server can take before it gives up."""
    return attempts * timeout_s + sum(BACKOFF_S * 2**i for i in range(attempts - 1))


def http_downloader(timeout_s: float) -> Callable:
    """A pooch downloader: streams `url` into `output_file`, waiting at most `timeout_s` per read."""

    def download(url: str, output_file: str, pooch: object, check_only: bool = False) -> None:
        import requests

        headers = {"User-Agent": "ldl (https://example.invalid/ldl)"}
        with requests.get(url, stream=True, timeout=(timeout_s, timeout_s), headers=headers) as response:
            response.raise_for_status()
            expected = response.headers.get("Content-Length")
            encoded = response.headers.get("Content-Encoding", "identity") != "identity"
            received = 0
            with open(output_file, "wb") as sink:
                for chunk in response.iter_content(chunk_size=1 << 16):
                    sink.write(chunk)
                    received += len(chunk)
        if expected is not None and not encoded and received != int(expected):
            raise DownloadError(f"got {received} bytes where the server announced {expected}")

    return download


S3_WEBSITE = re.compile(r"^http://([^/]+)\.s3-website[.-]([a-z0-9-]+)\.amazonaws\.com/")


def secure_url(url: str) -> str:
    """The https form of `url` (unchanged when it is not http, or names this computer)."""
    if urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1"):
        return url  # a local mirror: nothing travels over a network
    website = S3_WEBSITE.match(url)
    if website:  # the website endpoint is http only; the bucket's REST endpoint serves https
        bucket, region = website.groups()
        return f"https://{bucket}.s3.{region}.amazonaws.com/" + url[website.end() :]
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else url


def known_hash(sha256: str | None, md5: str | None) -> str | None:
    """The checksum in pooch's `algorithm:hex` form (None means: accept any bytes)."""
    if sha256:
        return f"sha256:{sha256}"
    return f"md5:{md5}" if md5 else None


def download_file(
    url: str,
    destination: Path,
    checksum: str | None,
    timeout_s: float,
    attempts: int,
    dataset_name: str,
) -> Path:
    """Download `url` to `destination` through a staging folder; the checksum is checked first.

    The caller holds the file's lock. Raises `LdlError` after `attempts` failed attempts.
    """
    import pooch
    import requests

    staging = destination.parent / PARTIAL_DIR / destination.name
    pooch.get_logger().setLevel("WARNING")  # its messages name the staging folder; ours say it better
    plain, url = url, secure_url(url)
    print(f"Downloading {destination.name} from {url} ...", file=sys.stderr, flush=True)
    last_error: Exception | None = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(BACKOFF_S * 2 ** (attempt - 1))
            if url != plain and isinstance(last_error, requests.ConnectionError) and _sha256(checksum):
                url = plain  # no https at this host after all; the SHA-256 still guards the bytes
                print(f"No https there: trying {url} (the checksum is still checked).", file=sys.stderr)
        try:
            staging.mkdir(parents=True, exist_ok=True)
            fetched = pooch.retrieve(
                url,
                known_hash=checksum,
                fname=destination.name,
                path=staging,
                downloader=http_downloader(timeout_s),
                progressbar=False,
            )
            os.replace(fetched, destination)
            return destination
        except (ValueError, OSError, requests.RequestException) as error:
            last_error = error
        finally:  # also on Ctrl-C; only SIGKILL leaves a staging folder behind (for `ldl data gc`)
            shutil.rmtree(staging, ignore_errors=True)
    raise LdlError(
        f"Could not download {destination.name} from {url} ({attempts} attempts). "
        f"Last error: {_describe(last_error)}",
        hint=f"Check your internet connection and run `ldl data fetch {dataset_name}` again. Offline "
        f"routes: put a copy of the file in a folder listed in LDL_DATA_MIRROR (`ldl data info "
        f"{dataset_name}` shows the layout), or, for Fashion-MNIST, install the Debian package "
        "`dataset-fashion-mnist` (apt install dataset-fashion-mnist), which ldl finds by itself.",
    )


def _sha256(checksum: str | None) -> bool:
    return bool(checksum) and checksum.startswith("sha256:")


def _describe(error: Exception | None) -> str:
    """The error in one line, whole (never cut mid-string), or a plain reading of a hash mismatch."""
    text = str(error).strip().splitlines()
    summary = " ".join(line.strip() for line in text) if text else type(error).__name__
    if "does not match the known hash" in summary or "hash of downloaded file" in summary.lower():
        return "the downloaded bytes do not match the registry's checksum (corrupt or changed file)"
    return summary
