"""Structural comparison, array reports, generic diagnoses and the 64 KB feedback cap."""

from __future__ import annotations

import numpy as np
import pytest

from ldl.grading.compare import compare
from ldl.grading.diagnose import diagnose
from ldl.grading.verdicts import FEEDBACK_LIMIT_BYTES, TRUNCATION_NOTICE, cap_text

EXPECTED = np.arange(6.0).reshape(2, 3)


def test_equal_arrays_within_tolerance_match():
    assert compare(EXPECTED, EXPECTED + 1e-9, rtol=1e-5, atol=1e-8) is None


def test_an_array_mismatch_reports_shapes_error_and_first_index():
    got = EXPECTED.copy()
    got[1, 2] += 0.5
    mismatch = compare(EXPECTED, got, rtol=1e-5, atol=1e-8)
    text = "\n".join(mismatch.details)
    assert "max abs error: 0.5" in text
    assert "first mismatch at index (1, 2): expected 5.0, got 5.5" in text
    assert "shape (2, 3), dtype float64" in text


@pytest.mark.parametrize(
    ("got", "words"),
    [
        (EXPECTED.reshape(3, 2), "shape (3, 2), but expected (2, 3)"),
        (EXPECTED.astype(int), "integers, but expected floats"),
        ([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], "expected a numpy array"),
        (None, "got None"),
    ],
)
def test_type_shape_and_dtype_mismatches_are_named(got, words):
    assert words in compare(EXPECTED, got, rtol=1e-5, atol=1e-8).message


def test_nested_structures_name_where_they_differ():
    mismatch = compare({"grad": [1.0, EXPECTED]}, {"grad": [1.0, EXPECTED * 2]}, 1e-5, 1e-8)
    assert mismatch.where == "result['grad'][1]"


def test_bool_and_numbers_are_not_confused():
    assert compare(True, 1, 1e-5, 1e-8) is not None
    assert compare(1.0, np.float64(1.0), 1e-5, 1e-8) is None
    assert compare(2, 2.0, 1e-5, 1e-8) is None


@pytest.mark.parametrize("got", [np.float32(1.5), np.array(1.5, dtype=np.float32), np.float16(1.5)])
def test_a_lower_precision_number_fails_the_exact_dtype_rule_with_a_dtype_message(got):
    mismatch = compare(1.5, got, 1e-5, 1e-8, exact_dtype=True)
    assert mismatch is not None and "expected a float64 like 1.5, got a float" in mismatch.message
    assert "significant digits" in mismatch.details[0]
    assert compare(1.5, got, 1e-5, 1e-8) is None  # without the rule the value itself is right
    assert compare(np.float64(1.5), 1.5, 1e-5, 1e-8, exact_dtype=True) is None  # alike
    assert compare(np.float32(1.5), 1.5, 1e-5, 1e-8, exact_dtype=True) is None  # more precision is fine


def hints(expected, got, shapes=()):
    return " ".join(diagnose(expected, got, [tuple(s) for s in shapes]))


def test_diagnoses_a_transposed_result():
    assert "transpose" in hints(EXPECTED, EXPECTED.T)


def test_diagnoses_a_reduction_over_the_wrong_axis():
    x = np.arange(12.0).reshape(3, 4)
    assert "axis 0" in hints(x.sum(axis=1), x.sum(axis=0), [x.shape])


def test_diagnoses_normalising_over_the_wrong_axis():
    x = np.random.default_rng(0).random((3, 4))
    assert "sum to 1 along axis 0" in hints(x / x.sum(1, keepdims=True), x / x.sum(0, keepdims=True))


def test_diagnoses_a_shape_off_by_one():
    assert "off by one" in hints(np.zeros((4, 3)), np.zeros((5, 3)))


def test_diagnoses_a_missing_division_by_the_batch_size():
    x = np.ones((8, 3))
    assert "8 times too big" in hints(EXPECTED + 1, (EXPECTED + 1) * 8, [x.shape])


def test_diagnoses_a_flipped_sign_and_an_accidental_broadcast():
    assert "wrong sign" in hints(EXPECTED + 1, -(EXPECTED + 1))
    assert "broadcast" in hints(np.arange(3.0), np.arange(3.0)[:, None] + np.arange(3.0))


def test_diagnoses_overflow_and_a_missing_return():
    assert "overflowed" in hints(EXPECTED, np.where(EXPECTED > 2, np.inf, EXPECTED))
    assert "`return`" in hints(EXPECTED, None)


def test_a_correct_looking_but_different_answer_gets_no_false_diagnosis():
    assert hints(EXPECTED, EXPECTED + np.array([0.1, -0.3, 0.2])) == ""


def test_feedback_is_capped_at_64_kb_of_valid_utf8_with_a_notice():
    capped = cap_text("é" * FEEDBACK_LIMIT_BYTES)
    data = capped.encode("utf-8")
    assert len(data) <= FEEDBACK_LIMIT_BYTES
    assert capped.endswith(TRUNCATION_NOTICE)
    data.decode("utf-8")  # valid: never cut inside a character
    assert cap_text("short") == "short"
