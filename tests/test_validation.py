"""The shared argument checks: the parts no public function's own tests reach."""

from __future__ import annotations

import numpy as np
import pytest

from dlref._validation import as_float_array, check_parameters, scalar_if_0d

UNCHAINED = {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)), "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}


def test_parameters_must_chain_unless_told_otherwise():
    with pytest.raises(ValueError, match=r"W2 has shape \(1, 4\); expected shape \(\?, 3\)"):
        check_parameters(UNCHAINED)
    assert check_parameters(UNCHAINED, chained=False).keys() == UNCHAINED.keys()
    with pytest.raises(ValueError, match=r"b2 has shape \(2, 1\); expected shape \(1, 1\)"):
        check_parameters({**UNCHAINED, "b2": np.zeros((2, 1))}, chained=False)  # b still fits its W


def test_a_missing_weight_is_named_as_missing():
    with pytest.raises(ValueError, match=r"missing \['W2'\]"):
        check_parameters({k: v for k, v in UNCHAINED.items() if k != "W2"})


def test_none_is_not_read_as_nan():
    assert np.isnan(np.asarray(None, dtype=np.float64))  # what NumPy alone would do
    with pytest.raises(ValueError, match="X must be an array of real numbers, got None"):
        as_float_array("X", None)


def test_only_0_d_arrays_become_scalars():
    assert type(scalar_if_0d(np.array(2.0))) is np.float64
    assert scalar_if_0d(np.ones((1, 1))).shape == (1, 1)
