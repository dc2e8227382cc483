"""The one page of `ldl serve`: a file input, the image as the model sees it, and its prediction.

Everything is inline (no CDN, no request to anything but this server); the Content-Security-Policy
that `ldl.practical.serve.page_and_policy` sends allows exactly this script and this style by their
SHA-256 hashes. Text from the server is inserted with `textContent`, never as HTML.
Placeholders in double braces are filled in per classifier.
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ldl: your image classifier</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; }
.muted { color: #666; font-size: 0.9rem; }
#preview { width: 112px; height: 112px; image-rendering: pixelated; border: 1px solid #ccc; display: none; }
#error { color: #a00; font-weight: bold; }
#label { font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
td { padding: 0.15rem 0.4rem; }
td.bar { width: 60%; }
.fill { background: #4a7bd0; height: 0.8rem; }
tr.top td { font-weight: bold; }
</style>
</head>
<body>
<main>
<h1>What is in this picture?</h1>
<p class="muted">A model you trained with ldl. It knows these classes: {{classes}}.
Every upload is converted and resized to {{size}} pixels, like its training images.</p>
<p><label for="file">Choose an image:</label> <input type="file" id="file" accept="image/*"></p>
<p id="status" class="muted" aria-live="polite"></p>
<p id="error" role="alert" hidden></p>
<section id="result" hidden>
<img id="preview" alt="the uploaded image">
<p>Prediction: <span id="label"></span> (<span id="probability"></span>)</p>
<p id="notes" class="muted"></p>
<table id="probabilities"><tbody></tbody></table>
</section>
</main>
<script>
const LIMIT = {{limit}};
const input = document.getElementById('file');
const show = (id, on) => { document.getElementById(id).hidden = !on; };
const setText = (id, text) => { document.getElementById(id).textContent = text; };
const percent = (p) => (100 * p).toFixed(1) + '%';

function fail(message) {
  setText('error', message); show('error', true); show('result', false); setText('status', '');
}

async function classify(file) {
  show('error', false);
  if (file.size === 0) return fail('The file is empty. Choose an image file.');
  if (file.size > LIMIT) return fail('The file is larger than the ' + (LIMIT / 1048576) + ' MiB limit.');
  setText('status', 'Classifying ' + file.name + '...');
  let answer;
  try {
    const response = await fetch('predict', {method: 'POST', body: file,
      headers: {'Content-Type': file.type || 'application/octet-stream'}});
    answer = await response.json();
  } catch (error) {
    return fail('The server did not answer. Is `ldl serve` still running?');
  }
  if (answer.error) return fail(answer.error);
  setText('status', '');
  setText('label', answer.label);
  setText('probability', percent(answer.probability));
  setText('notes', answer.notes.length ? 'Prepared for the model: ' + answer.notes.join('; ') + '.' : '');
  const body = document.querySelector('#probabilities tbody');
  body.replaceChildren();
  const rows = Object.entries(answer.probabilities).sort((a, b) => b[1] - a[1]);
  for (const [name, p] of rows) {
    const row = body.insertRow();
    if (name === answer.label) row.className = 'top';
    row.insertCell().textContent = name;
    row.insertCell().textContent = percent(p);
    const bar = row.insertCell(); bar.className = 'bar';
    const fill = document.createElement('div'); fill.className = 'fill';
    fill.style.width = percent(p);
    bar.appendChild(fill);
  }
  const preview = document.getElementById('preview');
  preview.src = URL.createObjectURL(file);
  preview.style.display = 'block';
  show('result', true);
}

input.addEventListener('change', () => { if (input.files.length) classify(input.files[0]); });
</script>
</body>
</html>
"""
