"""The wire format: plain data round-trips exactly; anything else is refused, both ways."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ldl.grading import wire


def round_trip(value):
    return wire.decode(wire.loads(wire.dumps(wire.encode(value))))


@pytest.mark.parametrize(
    "value",
    [None, True, False, 0, -7, 2**80, 1.5, float("inf"), "héllo", [1, [2.0, "x"]], (1, 2), {"a": [None]}],
)
def test_plain_python_values_round_trip_with_their_types(value):
    back = round_trip(value)
    assert back == value and type(back) is type(value)


def test_nan_and_not_implemented_round_trip():
    assert np.isnan(round_trip(float("nan")))
    assert round_trip(NotImplemented) is NotImplemented


@given(
    hnp.arrays(
        dtype=st.sampled_from(["f8", "f4", "i8", "u1", "?", "c16"]), shape=hnp.array_shapes(max_dims=3)
    )
)
def test_arrays_round_trip_bit_for_bit(array):
    back = round_trip(array)
    assert back.dtype == array.dtype and back.shape == array.shape
    assert back.tobytes() == array.tobytes()


def test_numpy_scalars_come_back_as_numpy_scalars():
    back = round_trip(np.float32(1.25))
    assert back == np.float32(1.25) and back.dtype == np.float32


class Liar:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class LyingFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class LyingArray(np.ndarray):
    pass


@pytest.mark.parametrize(
    "value",
    [
        Liar(),
        LyingFloat(1.0),
        np.zeros(3).view(LyingArray),
        {1: 2},
        np.array(["a"]),
        np.array([Liar()]),
        object,
    ],
)
def test_anything_but_plain_data_is_unsendable(value):
    with pytest.raises(wire.Unsendable):
        wire.encode(value)


def test_deep_nesting_is_refused():
    value: list = []
    for _ in range(wire.MAX_DEPTH + 5):
        value = [value]
    with pytest.raises(wire.Unsendable):
        wire.encode(value)


@pytest.mark.parametrize(
    "message",
    [
        {"t": "ndarray", "dtype": "|O", "shape": [1], "b64": ""},
        {"t": "ndarray", "dtype": "<f8", "shape": [3], "b64": "AAAA"},
        {"t": "ndarray", "dtype": "<f8", "shape": [-1], "b64": ""},
        {"t": "pickle", "v": "gASVAAAA"},
        {"t": "int", "v": 5},
        {"t": "dict", "v": [[1, {"t": "none"}]]},
        ["not", "a", "dict"],
    ],
)
def test_malformed_messages_are_refused(message):
    with pytest.raises(wire.WireError):
        wire.decode(message)


def test_lines_that_are_not_json_objects_are_refused():
    for line in (b"PASSED\n", b"[1, 2]\n", b"\xff\xfe\n"):
        with pytest.raises(wire.WireError):
            wire.loads(line)
    assert wire.loads(json.dumps({"done": True}).encode()) == {"done": True}
