"""Two safe on-disk formats for a checkpoint: what goes into the file, and how it comes back.

A checkpoint is a tree of dicts, lists and tuples whose leaves are arrays, tensors, numbers,
strings, bytes, booleans or None. Loading one must never run code, so neither format lets a file
name a Python object to rebuild:

- `.npz` (no torch needed): a zip holding `tree.json` (the tree, with each array replaced by a
  reference) and one `.npy` file per array, read back with `allow_pickle=False`.
- `.pt` (when the tree holds torch tensors): `torch.save`, read back with `weights_only=True`, which
  only rebuilds tensors and plain containers. NumPy arrays inside it travel as `.npy` bytes.

Both are zip archives with a CRC per member, so `is_intact` can spot a truncated or damaged file
cheaply before anything is decoded.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import IO, Any

import numpy as np

from ldl.errors import LdlError

_ARRAY = "__ndarray__"  # marks an encoded NumPy array
_TUPLE = "__tuple__"  # marks a tuple in JSON (which only knows lists)


def holds_torch(tree: Any) -> bool:
    """Whether any leaf of `tree` is a torch tensor (checked without importing torch)."""
    if isinstance(tree, dict):
        return any(holds_torch(value) for value in tree.values())
    if isinstance(tree, (list, tuple)):
        return any(holds_torch(value) for value in tree)
    return type(tree).__module__.startswith("torch")


def is_intact(path: Path) -> bool:
    """True if `path` is a complete zip archive whose members all pass their CRC check."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _npy_array(data: bytes) -> np.ndarray:
    return np.load(io.BytesIO(data), allow_pickle=False)


# --- .npz: JSON tree + .npy members ----------------------------------------------------------


def _to_json(tree: Any, arrays: list[np.ndarray]) -> Any:
    """Replace arrays by {"__ndarray__": index} and tuples by {"__tuple__": [...]}."""
    if isinstance(tree, dict):
        if not all(isinstance(key, str) for key in tree):
            raise TypeError("checkpoint dict keys must be strings")
        return {key: _to_json(value, arrays) for key, value in tree.items()}
    if isinstance(tree, tuple):
        return {_TUPLE: [_to_json(value, arrays) for value in tree]}
    if isinstance(tree, list):
        return [_to_json(value, arrays) for value in tree]
    if isinstance(tree, (np.ndarray, np.generic)):
        arrays.append(np.asarray(tree))
        return {_ARRAY: len(arrays) - 1}
    if tree is None or isinstance(tree, (bool, int, float, str)):
        return tree
    raise TypeError(f"cannot store a {type(tree).__name__} in a NumPy checkpoint")


def _from_json(tree: Any, arrays: dict[int, np.ndarray]) -> Any:
    if isinstance(tree, dict):
        if set(tree) == {_ARRAY}:
            return arrays[tree[_ARRAY]]
        if set(tree) == {_TUPLE}:
            return tuple(_from_json(value, arrays) for value in tree[_TUPLE])
        return {key: _from_json(value, arrays) for key, value in tree.items()}
    if isinstance(tree, list):
        return [_from_json(value, arrays) for value in tree]
    return tree


def write_npz(tree: Any, file: IO[bytes]) -> None:
    arrays: list[np.ndarray] = []
    encoded = json.dumps(_to_json(tree, arrays), allow_nan=True)
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("tree.json", encoded)
        for index, array in enumerate(arrays):
            archive.writestr(f"arrays/{index}.npy", _npy_bytes(array))


def read_npz(path: Path) -> Any:
    with zipfile.ZipFile(path) as archive:
        tree = json.loads(archive.read("tree.json"))
        arrays = {
            int(Path(name).stem): _npy_array(archive.read(name))
            for name in archive.namelist()
            if name.startswith("arrays/")
        }
    return _from_json(tree, arrays)


# --- .pt: torch.save / torch.load(weights_only=True) -----------------------------------------


def _numpy_to_bytes(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _numpy_to_bytes(value) for key, value in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_numpy_to_bytes(value) for value in tree)
    if isinstance(tree, (np.ndarray, np.generic)):
        return {_ARRAY: _npy_bytes(np.asarray(tree))}
    return tree


def _bytes_to_numpy(tree: Any) -> Any:
    if isinstance(tree, dict):
        if set(tree) == {_ARRAY} and isinstance(tree[_ARRAY], bytes):
            return _npy_array(tree[_ARRAY])
        return {key: _bytes_to_numpy(value) for key, value in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_bytes_to_numpy(value) for value in tree)
    return tree


def write_torch(tree: Any, file: IO[bytes]) -> None:
    import torch

    torch.save(_numpy_to_bytes(tree), file)


def read_torch(path: Path) -> Any:
    import pickle

    import torch

    try:
        tree = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        raise LdlError(
            f"Refusing to load {path}: it asks to run code while loading, which a checkpoint never needs.",
            hint="Only load checkpoints that ldl wrote. If you trust this file, load it yourself "
            f"with torch.load(weights_only=False). Details: {str(error).splitlines()[0]}",
        ) from error
    return _bytes_to_numpy(tree)
