"""Serve a trained image classifier: export it, load it back, and answer predictions over HTTP.

Training ends with weights in memory; a *deployed* model is a file that another program loads to
answer questions about inputs it has never seen. fastai's `learn.export()` pickles the whole
`Learner` without its data: the model, the class names and the recipe that turns an input into a
batch (decode -> resize -> scale to [0, 1] -> standardise). `load_learner` brings it back and
`learn.predict` runs the model in inference mode (dropout off, batch norm using its stored running
statistics) on one input at a time.

The one rule of serving: the input must be prepared exactly as the training images were. Our
training images are 28 x 28 greyscale with a black background, so an upload is decoded,
converted to greyscale (transparent areas become black), resized to 28 x 28, then handed to
the learner, whose pipeline standardises it with the training set's mean and standard deviation:

    x = (pixel / 255 - mean) / std

    export_classifier(model, classes, train_images, path)   # a Learner on the fast tensor path -> export.pkl
    classifier = load_classifier(path)
    prediction = predict(classifier, png_bytes)             # what the web app calls for each upload
    app = make_app(classifier)                               # a Starlette app: the page and POST /predict
"""

from __future__ import annotations

import hashlib
import io
import ipaddress
import socket
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""The largest file the app accepts (5 MiB): a photo from a phone fits, a mistaken video does not."""
MAX_PIXELS = 40_000_000
"""The most pixels an upload may decode to (about 7,000 x 6,000): a tiny file can declare a huge image."""
DEFAULT_SIZE = (28, 28)
"""(height, width) assumed for an export that carries no Resize step: ldl's image datasets are 28 x 28."""
EXPORT_FILE = "export.pkl"


class BadImage(ValueError):
    """An upload we cannot classify; the message says why, in words meant for the person uploading."""


class TooLarge(BadImage):
    """An upload over `MAX_UPLOAD_BYTES` (HTTP status 413)."""

    def __init__(self, n_bytes: int | None = None):
        size = "The file is larger" if n_bytes is None else f"The file is {n_bytes / 2**20:.1f} MiB, more"
        super().__init__(f"{size} than the {MAX_UPLOAD_BYTES // 2**20} MiB limit.")


@dataclass
class Classifier:
    """A loaded export and what an input must look like to match its training data."""

    learn: object
    """The fastai `Learner` from `load_learner`, without data."""
    classes: list[str]
    """Class names, in the order of the model's outputs."""
    image_size: tuple[int, int]
    """(height, width) of the training images: uploads are resized to it."""
    mode: str
    """PIL colour mode of the training images: "L" (greyscale) or "RGB"."""
    source: Path
    """The export file it was loaded from."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    """A `Learner` keeps per-call state, so predictions run one at a time."""


@dataclass
class Prediction:
    """The answer for one upload."""

    label: str
    """The most probable class."""
    probability: float
    """Its probability."""
    probabilities: dict[str, float]
    """Every class's probability (softmax of the logits), in the model's class order; they sum to 1."""
    notes: list[str]
    """What was done to the upload to make it look like the training data (converted, resized)."""

    def to_json(self) -> dict:
        return asdict(self)


# --- export and load ------------------------------------------------------------------------------


def export_classifier(model, classes: Sequence[str], train_images: np.ndarray, path: str | Path) -> Path:
    """Export a model trained on the fast tensor path (`ldl.practical.loaders.tensor_image_dataloaders`).

    That path has no per-item pipeline to export, so we rebuild the one it implies: a fastai
    `DataBlock` (greyscale image in, category out) that resizes to the training images' size and
    standardises with their mean and standard deviation, exactly as `tensor_image_dataloaders`
    did. A `Learner` over a few training images and the *trained* model is then exported.
    `train_images`: the (n, H, W) uint8 training images.
    """
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat
    from fastai.vision.all import Normalize, Resize, ResizeMethod

    from ldl.practical.loaders import array_image_block, image_table

    mean, std = float(train_images.mean()) / 255, float(train_images.std()) / 255  # as in training
    height, width = train_images.shape[1:3]
    block = array_image_block(
        classes,
        item_tfms=[Resize((height, width), method=ResizeMethod.Squish)],
        batch_tfms=[Normalize.from_stats(mean, std)],
    )
    sample = train_images[: len(classes)]  # the DataLoaders need items; export keeps none of them
    labels = np.arange(len(sample)) % len(classes)
    dls = block.dataloaders(image_table(sample, labels, classes), bs=len(sample), num_workers=0)
    path = Path(path)
    Learner(dls, model, loss_func=CrossEntropyLossFlat()).export(path)
    return path


def _input_format(learn) -> tuple[tuple[int, int], str]:
    """(size, mode) from the export's pipeline: its Resize step and its image type (PILImageBW: "L")."""
    from fastai.vision.all import Resize

    resized = [t for t in learn.dls.after_item.fs if isinstance(t, Resize)]
    size = tuple(resized[0].size)[::-1] if resized else DEFAULT_SIZE  # fastai keeps (width, height)
    mode = "L"
    for step in learn.dls.train.dataset.tfms[0].fs:  # ColReader -> PILImageBW.create
        image_type = getattr(step, "__self__", None)
        mode = getattr(image_type, "_open_args", {}).get("mode", mode)
    return size, mode


def load_classifier(path: str | Path) -> Classifier:
    """Load an export made by `learn.export()`, on the CPU. It is a pickle: load only files you made."""
    import warnings

    from fastai.learner import load_learner

    from ldl.errors import LdlError

    path = Path(path)
    if not path.is_file():
        raise LdlError(f"There is no exported model at {path}.", hint="Export one with `learn.export(path)`.")
    try:
        with warnings.catch_warnings():  # the pickle warning: ldl loads only the learner's own exports
            warnings.simplefilter("ignore")
            learn = load_learner(path, cpu=True)
        size, mode = _input_format(learn)
    except Exception as error:  # a damaged file, or one that is not a fastai export
        raise LdlError(
            f"{path} is not a fastai export ldl can load ({type(error).__name__}: {error}).",
            hint="Export a Learner with `learn.export()`, or run `ldl run practical.vision --fast` for one.",
        ) from error
    return Classifier(learn, [str(c) for c in learn.dls.vocab], size, mode, path)


# --- one prediction -------------------------------------------------------------------------------


def prepare_image(data: bytes, size: tuple[int, int], mode: str) -> tuple[np.ndarray, list[str]]:
    """Decode an uploaded file and make it look like a training image.

    Returns the pixels, (H, W) uint8 for mode "L" or (H, W, 3) for "RGB", and notes on what changed.
    Raises `BadImage` with a message for the person uploading.
    """
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise BadImage("The file is empty. Choose an image file (PNG, JPEG, GIF, BMP or WebP).")
    if len(data) > MAX_UPLOAD_BYTES:
        raise TooLarge(len(data))
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise BadImage(f"The image is {image.width} x {image.height} pixels: too large to classify.")
        image.load()
    except UnidentifiedImageError:
        raise BadImage(
            "This file is not an image we can read. Try a PNG, JPEG, GIF, BMP or WebP file."
        ) from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        if isinstance(error, BadImage):
            raise
        raise BadImage("The image file is damaged or incomplete, so it cannot be decoded.") from None
    notes = []
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        background = Image.new("RGBA", image.size, (0, 0, 0, 255))  # the training images' background
        image = Image.alpha_composite(background, image.convert("RGBA"))
        notes.append("transparent areas became black, like the training images' background")
    if image.mode != mode:
        names = {"L": "greyscale", "RGB": "colour (RGB)"}
        notes.append(f"converted from {names.get(image.mode, image.mode)} to {names.get(mode, mode)}")
        image = image.convert(mode)
    height, width = size
    if image.size != (width, height):
        notes.append(f"resized from {image.width} x {image.height} to {width} x {height} pixels")
        image = image.resize((width, height), Image.Resampling.BILINEAR)
    return np.asarray(image, dtype=np.uint8), notes


def predict(classifier: Classifier, data: bytes) -> Prediction:
    """Classify one uploaded file (its raw bytes): the function behind the web app's POST /predict."""
    from ldl.practical.loaders import image_row

    pixels, notes = prepare_image(data, classifier.image_size, classifier.mode)
    learn = classifier.learn
    with classifier.lock, learn.no_bar():
        _, index, probs = learn.predict(image_row(pixels))  # eval mode, no gradients
    probabilities = {name: float(p) for name, p in zip(classifier.classes, probs.tolist())}
    label = classifier.classes[int(index)]
    return Prediction(label, probabilities[label], probabilities, notes)


# --- the web app ----------------------------------------------------------------------------------


def _digest(text: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def page_and_policy(classifier: Classifier) -> tuple[str, str]:
    """The HTML page and its Content-Security-Policy: only its own inline script and style may run,
    and it may only talk to this server (no CDN, no request elsewhere)."""
    from html import escape

    from ldl.practical.serve_page import PAGE

    html = PAGE.replace("{{classes}}", escape(", ".join(classifier.classes)))
    html = html.replace("{{size}}", "{} x {}".format(*classifier.image_size[::-1]))
    html = html.replace("{{limit}}", str(MAX_UPLOAD_BYTES))
    script, style = _between(html, "<script>", "</script>"), _between(html, "<style>", "</style>")
    policy = (
        f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(style)}; img-src blob:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return html, policy


def make_app(classifier: Classifier):
    """A Starlette app: GET / is the page, POST /predict takes an image as the request body and
    answers JSON: a `Prediction`, or {"error": message} with status 400 (bad image) or 413 (too big)."""
    import logging

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route

    html, policy = page_and_policy(classifier)
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    async def page(request):
        return HTMLResponse(html, headers=headers)

    async def read_body(request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
            raise TooLarge(int(declared))
        body = bytearray()
        async for chunk in request.stream():  # stop reading as soon as the limit is passed
            body += chunk
            if len(body) > MAX_UPLOAD_BYTES:
                raise TooLarge()
        return bytes(body)

    async def predict_endpoint(request):
        try:
            data = await read_body(request)
            result = await run_in_threadpool(predict, classifier, data)
        except BadImage as error:
            status = 413 if isinstance(error, TooLarge) else 400
            return JSONResponse({"error": str(error)}, status_code=status, headers=headers)
        except Exception:  # a bug, not the user's fault: log it here, keep the traceback off the page
            logging.getLogger("ldl.serve").exception("prediction failed")
            message = "The model could not classify this image; the server's log says why."
            return JSONResponse({"error": message}, status_code=500, headers=headers)
        return JSONResponse(result.to_json(), headers=headers)

    return Starlette(routes=[Route("/", page), Route("/predict", predict_endpoint, methods=["POST"])])


# --- running it -----------------------------------------------------------------------------------


def is_local(host: str) -> bool:
    """Whether `host` only accepts connections from this machine (a loopback name or address)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port); port 0 picks a free one. Raises OSError if it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(app, sock: socket.socket, log_level: str = "warning"):
    """A uvicorn server for `app` on an already bound socket: `server.run(sockets=[sock])` serves
    until Ctrl-C; `serve_in_background` runs it in a thread (tests)."""
    import uvicorn

    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    server.ldl_socket = sock
    return server


def serve_in_background(app, host: str = "127.0.0.1", port: int = 0):
    """Start the app in a daemon thread; returns (server, url). Stop it with `server.should_exit = True`."""
    import time

    sock = bind(host, port)
    server = make_server(app, sock)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        raise RuntimeError("the server did not start within 30 s")
    server.ldl_thread = thread
    return server, url_of(sock)
