"""The computation-graph example J = 3(a + bc): forward values and the chain rule."""

from __future__ import annotations

import numpy as np
import pytest

from dlref.computation_graph import computation_graph_backward, computation_graph_forward
from gradcheck import numerical_gradient, relative_error


def J_of(x: np.ndarray) -> float:
    return computation_graph_forward(*x)[0]


def test_forward_at_the_course_values():
    J, cache = computation_graph_forward(5.0, 3.0, 2.0)
    assert (cache["u"], cache["v"], J) == (6.0, 11.0, 33.0)


@pytest.mark.parametrize("seed", range(5))
def test_backward_gradient_check_at_random_points(seed):
    rng = np.random.default_rng(seed)
    point, dJ = rng.normal(0, 3, 3), float(rng.standard_normal())  # random upstream gradient
    _, cache = computation_graph_forward(*point)
    grads = computation_graph_backward(cache, dJ)
    numeric = numerical_gradient(lambda x: dJ * J_of(x), point)
    assert relative_error([grads["da"], grads["db"], grads["dc"]], numeric) < 1e-7


def test_derivatives_depend_on_the_point():
    # dJ/db = 3c and dJ/dc = 3b: the notes' 6 and 9 hold only at b = 3, c = 2
    _, cache = computation_graph_forward(1.0, -2.0, 4.0)
    grads = computation_graph_backward(cache)
    assert (grads["da"], grads["db"], grads["dc"]) == (3.0, 12.0, -6.0)


@pytest.mark.parametrize("bad", [np.array([1.0, 2.0]), "3", float("nan"), None])
def test_inputs_must_be_finite_real_numbers(bad):
    with pytest.raises(ValueError, match="b must be"):
        computation_graph_forward(1.0, bad, 2.0)


def test_backward_names_a_missing_cache_entry():
    with pytest.raises(ValueError, match=r"cache lacks \['c'\]"):
        computation_graph_backward({"a": 1.0, "b": 2.0})


@pytest.mark.parametrize("cache", [None, [5.0, 3.0, 2.0]])
def test_backward_refuses_a_cache_that_is_not_a_dict(cache):
    with pytest.raises(ValueError, match="cache must be the dict that computation_graph_forward returns"):
        computation_graph_backward(cache)
