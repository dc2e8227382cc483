"""`ldl serve`: export a tiny classifier, predict through the web app's function, its JSON endpoint,
the command itself, and the page in headless Chromium.

One small model is trained per module (2,000 fast-mode images, two epochs, seconds) and exported
with `export_classifier`. Test images are written by the tests from the dataset, as PNG files.
"""

from __future__ import annotations

import html
import io
import os
import signal
import subprocess
import sys

import browser_kit
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.cli.serve import find_export
from ldl.errors import LdlError
from ldl.practical import serve
from ldl.practical.serve import BadImage, predict, prepare_image


def png(pixels: np.ndarray, mode: str | None = None, fmt: str = "PNG") -> bytes:
    image = Image.fromarray(pixels)
    buffer = io.BytesIO()
    (image.convert(mode) if mode else image).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(classifier, test images, test labels, the trained learner's own test probabilities)."""
    import fastai.callback.all  # noqa: F401
    import torch
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat

    from ldl.practical.loaders import tensor_image_dataloaders
    from ldl.practical.vision import build_model, load_arrays

    torch.manual_seed(0)
    train_x, train_y, test_x, test_y, classes = load_arrays(fast=True)
    test_x, test_y = test_x[:300], test_y[:300]
    dls = tensor_image_dataloaders(train_x, train_y, test_x, test_y, batch_size=128, seed=0)
    learn = Learner(dls, build_model(8, 0.2, len(classes)), loss_func=CrossEntropyLossFlat())
    with learn.no_bar(), learn.no_logging():
        learn.fit_one_cycle(2, 5e-3)
        probs, _ = learn.get_preds(dl=dls.valid)  # (300, C): the training pipeline's answer
    path = serve.export_classifier(
        learn.model, classes, train_x, tmp_path_factory.mktemp("export") / "export.pkl"
    )
    return serve.load_classifier(path), test_x, test_y, probs.numpy()


def test_the_export_answers_like_the_trained_model_on_the_same_images(trained):
    """Preprocessing matches training: PNG bytes through `predict` give the probabilities that the
    trained learner gave on its standardised tensors, and the model learned something."""
    classifier, test_x, test_y, probs = trained
    assert classifier.image_size == (28, 28) and classifier.mode == "L"
    served = np.array([list(predict(classifier, png(x)).probabilities.values()) for x in test_x[:40]])
    np.testing.assert_allclose(served, probs[:40], atol=1e-4)
    accuracy = (probs.argmax(1) == test_y).mean()
    assert accuracy > 0.1 + 0.3, accuracy  # chance is 10%


def test_uploads_are_converted_and_resized_like_the_training_images(trained):
    classifier, test_x, _, probs = trained
    big_rgb = np.asarray(Image.fromarray(test_x[0]).convert("RGB").resize((84, 84)))
    answer = predict(classifier, png(big_rgb, fmt="JPEG"))
    assert answer.notes == [
        "converted from colour (RGB) to greyscale",
        "resized from 84 x 84 to 28 x 28 pixels",
    ]
    assert answer.label == classifier.classes[int(probs[0].argmax())]  # the same garment, bigger, in colour
    assert sum(answer.probabilities.values()) == pytest.approx(1, abs=1e-5)
    assert list(answer.probabilities) == classifier.classes
    rgba = np.zeros((28, 28, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    rgba[5:20, 5:20, :3] = 200
    rgba[0, :, 3] = 0  # a transparent row becomes the black background
    pixels, notes = prepare_image(png(rgba), (28, 28), "L")
    assert pixels.shape == (28, 28) and pixels.dtype == np.uint8
    assert pixels[0].max() == 0 and pixels[10, 10] == 200
    assert notes[0].startswith("transparent areas became black")
    same, notes = prepare_image(png(test_x[0]), (28, 28), "L")
    assert notes == [] and np.array_equal(same, test_x[0])  # a training-like image is left as it is


def test_the_export_records_the_training_size_height_first(tmp_path):
    """A non-square training size survives export and load, and uploads are resized to it."""
    from ldl.practical.vision import build_model

    images = np.random.default_rng(0).integers(0, 256, (12, 20, 30), dtype=np.uint8)  # (n, H, W)
    classes = [f"class {i}" for i in range(3)]
    path = serve.export_classifier(build_model(4, 0.0, 3), classes, images, tmp_path / "export.pkl")
    classifier = serve.load_classifier(path)
    assert classifier.image_size == (20, 30) and classifier.classes == classes
    pixels, notes = prepare_image(png(images[0][:10, :10]), classifier.image_size, classifier.mode)
    assert pixels.shape == (20, 30) and notes == ["resized from 10 x 10 to 30 x 20 pixels"]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty"),
        (b"name,price\nshirt,10\n", "not an image we can read"),
        (png(np.random.default_rng(0).integers(0, 256, (28, 28), np.uint8))[:400], "damaged or incomplete"),
        (b"\x00" * (serve.MAX_UPLOAD_BYTES + 1), "more than the 5 MiB limit"),
    ],
    ids=["empty", "csv", "truncated-png", "too-large"],
)
def test_bad_uploads_get_a_clear_message(data, message):
    with pytest.raises(BadImage, match=message):
        prepare_image(data, (28, 28), "L")


def test_an_image_that_decodes_to_too_many_pixels_is_refused_before_decoding():
    huge = png(np.zeros((7000, 6000), np.uint8))  # a few kB that would decode to 42 million pixels
    assert len(huge) < serve.MAX_UPLOAD_BYTES
    with pytest.raises(BadImage, match="6000 x 7000 pixels: too large"):  # width x height
        prepare_image(huge, (28, 28), "L")


@pytest.mark.slow
def test_the_reference_run_exports_a_model_that_ldl_serve_finds(tmp_path):
    """`ldl run practical.vision --fast` leaves export.pkl in its run; `ldl serve` picks it up."""
    from ldl.practical import vision

    result = vision.train(vision.Config(fast=True), root=tmp_path)
    export = find_export(None, tmp_path)
    assert export == result.run_dir / "export.pkl"
    classifier = serve.load_classifier(export)
    _, _, test_x, test_y, classes = vision.load_arrays(fast=True)
    labels = [predict(classifier, png(x)).label for x in test_x[:200]]
    served_accuracy = np.mean([label == classes[y] for label, y in zip(labels, test_y)])
    assert served_accuracy > 0.1 + 0.3, served_accuracy  # chance is 10%


# --- the JSON endpoint ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(trained):
    from starlette.testclient import TestClient

    with TestClient(serve.make_app(trained[0])) as client:
        yield client


def test_the_page_is_self_contained_and_locked_down(client, trained):
    response = client.get("/")
    assert response.status_code == 200 and 'type="file"' in response.text
    policy = response.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'; script-src 'sha256-") and "connect-src 'self'" in policy
    assert "http://" not in response.text and "https://" not in response.text  # no CDN, nothing outside
    assert "{{" not in response.text and html.escape(trained[0].classes[-1]) in response.text  # its classes


def test_predict_answers_json_with_every_class(client, trained):
    classifier, test_x, _, probs = trained
    response = client.post("/predict", content=png(test_x[1]), headers={"content-type": "image/png"})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == classifier.classes[int(probs[1].argmax())]
    assert set(body["probabilities"]) == set(classifier.classes)
    assert body["probability"] == pytest.approx(float(probs[1].max()), abs=1e-4)


def test_bad_requests_get_json_errors_not_tracebacks(client, trained, monkeypatch):
    for data, status in [
        (b"", 400),
        (b"%PDF-1.4 not an image", 400),
        (b"0" * (serve.MAX_UPLOAD_BYTES + 10), 413),
    ]:
        response = client.post("/predict", content=data)
        assert response.status_code == status and set(response.json()) == {"error"}
    assert client.get("/predict").status_code == 405
    classifier = trained[0]

    def broken(*args, **kwargs):
        raise RuntimeError("a bug deep inside the model")

    monkeypatch.setattr(classifier.learn, "predict", broken)
    response = client.post("/predict", content=png(trained[1][0]))
    assert response.status_code == 500
    assert "could not classify" in response.json()["error"] and "bug deep" not in response.text


# --- the command ------------------------------------------------------------------------------------


def fake_run(root, run_id: str, exported: bool):
    run = root / "practical" / "vision" / run_id
    run.mkdir(parents=True)
    (run / "run.json").write_text("{}")
    if exported:
        (run / "export.pkl").write_bytes(b"")
    return run


def test_find_export_picks_the_newest_exported_run_or_says_how_to_make_one(tmp_path):
    with pytest.raises(LdlError) as error:
        find_export(None, tmp_path)
    assert "ldl run practical.vision" in error.value.hint and "--fast" in error.value.hint
    older = fake_run(tmp_path, "20260101-000000-aaaa", exported=True)
    fake_run(tmp_path, "20260102-000000-bbbb", exported=False)  # newer, but stopped before exporting
    assert find_export(None, tmp_path) == older / "export.pkl"
    assert find_export("20260101", tmp_path) == older / "export.pkl"  # a run-id prefix
    assert find_export(str(older), tmp_path) == older / "export.pkl"
    with pytest.raises(LdlError, match="has no export.pkl"):
        find_export("20260102", tmp_path)
    assert serve.is_local("127.0.0.1") and serve.is_local("::1") and serve.is_local("localhost")
    assert not serve.is_local("0.0.0.0") and not serve.is_local("192.168.1.5")


def test_the_command_refuses_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_RUNS_DIR", str(tmp_path / "runs"))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 1 and "No exported image classifier" in result.output
    not_a_model = tmp_path / "export.pkl"
    not_a_model.write_bytes(b"not a pickle")
    result = CliRunner().invoke(app, ["serve", str(not_a_model)])
    assert result.exit_code == 1 and "not a fastai export" in result.output
    assert "Traceback" not in result.output


def test_ldl_serve_starts_with_one_command_on_loopback_and_stops_on_ctrl_c(trained, tmp_path):
    import urllib.request

    env = {**os.environ, "COLUMNS": "300", "LDL_RUNS_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "ldl", "serve", str(trained[0].source), "--port", "0"]
    log = (tmp_path / "stderr.txt").open("w")
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=log, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        line = child.stdout.readline()  # "Serving ... at http://127.0.0.1:PORT/ (Ctrl-C stops)"
        assert " at http://127.0.0.1:" in line, line + (tmp_path / "stderr.txt").read_text()
        url = line.split(" at ", 1)[1].split()[0]
        request = urllib.request.Request(url + "predict", data=png(trained[1][2]), method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200 and b'"label"' in response.read()
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=60) == 0
        assert "Stopped." in child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        log.close()


# --- the page in a browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with browser_kit.chromium() as chromium:
        yield chromium


@pytest.mark.browser
def test_uploading_images_in_chromium_shows_the_class_or_a_clear_message(browser, trained, tmp_path):
    classifier, test_x, test_y, probs = trained
    right = [i for i in range(len(test_x)) if probs[i].argmax() == test_y[i]]
    chosen = list({int(test_y[i]): i for i in right}.values())[:3]  # up to three classes, all right
    assert chosen
    server, url = serve.serve_in_background(serve.make_app(classifier))
    context = browser.new_context()
    off_site: list[str] = []
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(url) else (
            off_site.append(route.request.url), route.abort())
    )  # fmt: skip
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(  # the browser logs every 4xx answer; the bad file below gets a 400 on purpose
            "console",
            lambda message: (
                errors.append(message.text)
                if message.type == "error" and "status of 400" not in message.text
                else None
            ),
        )
        page.goto(url, wait_until="load")
        for index in chosen:
            path = tmp_path / f"test_{index}.png"
            path.write_bytes(png(test_x[index]))
            page.set_input_files("#file", str(path))
            expected = classifier.classes[int(test_y[index])]
            page.wait_for_function(
                "(name) => document.getElementById('label').textContent === name "
                "&& !document.getElementById('result').hidden",
                arg=expected,
            )
            assert page.locator("#probabilities tr").count() == len(classifier.classes)
            assert page.locator("#error").is_hidden()
        bad = tmp_path / "notes.png"
        bad.write_text("this is a shopping list, not a picture")
        page.set_input_files("#file", str(bad))
        page.wait_for_selector("#error:not([hidden])")
        assert "not an image we can read" in page.locator("#error").text_content()
        assert page.locator("#result").is_hidden()
        assert "Traceback" not in page.content()
        assert off_site == [] and errors == []
    finally:
        context.close()
        server.should_exit = True
        server.ldl_thread.join(timeout=30)
