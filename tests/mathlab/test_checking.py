"""Sign-invariant comparison: a flipped eigenvector is right, anything else is not."""

import numpy as np

from ldl.mathlab import align_signs, mismatch_up_to_sign


def test_align_signs_flips_only_vectors_that_point_the_other_way():
    reference = np.array([[1.0, 0.0], [0.0, 1.0]])
    got = np.array([[-1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(align_signs(reference, got, axis=1), reference)


def test_sign_flips_pass_and_real_differences_name_the_vector():
    rng = np.random.default_rng(0)
    expected = rng.normal(size=(3, 4))
    assert mismatch_up_to_sign(expected, expected * np.array([[-1.0], [1.0], [-1.0]]), "rows", axis=1) is None
    wrong = expected.copy()
    wrong[2, 0] += 0.1
    message = mismatch_up_to_sign(expected, wrong, "rows", axis=1)
    assert message is not None and "vector 2" in message


def test_shape_mismatch_is_reported():
    message = mismatch_up_to_sign(np.ones(3), np.ones(4), "eigenvector")
    assert message == "eigenvector has shape (4,), expected (3,)"


def test_importing_mathlab_does_not_import_matplotlib():
    """Exercise checks import ldl.mathlab inside the grading sandbox: it must stay light."""
    import subprocess
    import sys

    code = "import sys, ldl.mathlab; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
