"""Weight initialization: shapes, the variance of each scheme, symmetry, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlref import initialization as init
from dlref.activations import relu

LAYERS = [[2, 1], [3, 4, 1], [5, 7, 3, 2], [12, 20, 7, 5, 1]]
RANDOM_SCHEMES = [init.initialize_parameters_random, init.initialize_parameters_he,
                  init.initialize_parameters_xavier]


@pytest.mark.parametrize("layers_dims", LAYERS)
@pytest.mark.parametrize("initialize", [lambda dims, rng: init.initialize_parameters_zeros(dims), *RANDOM_SCHEMES])
def test_shapes_follow_the_course_and_biases_are_zero(layers_dims, initialize):
    parameters = initialize(layers_dims, np.random.default_rng(0))
    L = len(layers_dims) - 1
    assert sorted(parameters) == sorted([f"W{l}" for l in range(1, L + 1)] + [f"b{l}" for l in range(1, L + 1)])
    for l in range(1, L + 1):
        assert parameters[f"W{l}"].shape == (layers_dims[l], layers_dims[l - 1])
        assert parameters[f"W{l}"].dtype == np.float64
        assert_array_equal(parameters[f"b{l}"], np.zeros((layers_dims[l], 1)))


@pytest.mark.parametrize("layers_dims", LAYERS)
def test_zeros_are_zeros(layers_dims):
    parameters = init.initialize_parameters_zeros(layers_dims)
    assert all(not value.any() for value in parameters.values())


# The variance is the square of the scale factor: He multiplies by sqrt(2/n), not by 2/n.
@pytest.mark.parametrize("initialize, variance", [
    (init.initialize_parameters_he, lambda n_prev: 2.0 / n_prev),
    (init.initialize_parameters_xavier, lambda n_prev: 1.0 / n_prev),
    (init.initialize_parameters_random, lambda n_prev: 100.0),
])
@pytest.mark.parametrize("seed", [0, 1])
def test_empirical_variance_matches_the_formula_on_large_layers(initialize, variance, seed):
    layers_dims = [500, 800, 300]
    parameters = initialize(layers_dims, np.random.default_rng(seed))
    for l in (1, 2):
        W = parameters[f"W{l}"]
        assert abs(W.mean()) < 4 * np.sqrt(variance(layers_dims[l - 1]) / W.size)
        # 240,000 draws: the sample variance is within 1% of the true one
        assert_allclose(W.var(), variance(layers_dims[l - 1]), rtol=0.01)


def test_he_keeps_deep_relu_activations_at_a_steady_scale_and_xavier_halves_their_power():
    n, L = 256, 40
    rng = np.random.default_rng(0)
    A0 = rng.standard_normal((n, 200))
    norms = {}
    for name, initialize in [("he", init.initialize_parameters_he), ("xavier", init.initialize_parameters_xavier)]:
        parameters = initialize([n] * (L + 1), np.random.default_rng(1))
        A = A0
        for l in range(1, L + 1):
            A = relu(parameters[f"W{l}"] @ A + parameters[f"b{l}"])
        norms[name] = np.sqrt(np.mean(A**2))
    # mean square of a ReLU layer's output: Var(W) * n / 2 times its input's
    assert 0.3 < norms["he"] / np.sqrt(np.mean(A0**2)) < 3.0
    assert_allclose(np.log2(norms["xavier"] / norms["he"]), -L / 2, atol=2.0)


def test_zero_initialization_keeps_the_hidden_units_identical_during_training():
    # a 2-layer tanh/sigmoid network written out by hand, trained for a few steps
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 20)), (rng.random((1, 20)) < 0.5).astype(float)

    def train(parameters, steps=20, alpha=0.5):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        for _ in range(steps):
            A1 = np.tanh(W1 @ X + b1)
            A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
            dZ2 = A2 - Y
            dW2, db2 = dZ2 @ A1.T / 20, dZ2.mean(axis=1, keepdims=True)
            dZ1 = (W2.T @ dZ2) * (1 - A1**2)
            dW1, db1 = dZ1 @ X.T / 20, dZ1.mean(axis=1, keepdims=True)
            W1, b1, W2, b2 = W1 - alpha * dW1, b1 - alpha * db1, W2 - alpha * dW2, b2 - alpha * db2
        return W1, W2

    W1, W2 = train(init.initialize_parameters_zeros([3, 4, 1]))
    assert_allclose(W1, W1[:1].repeat(4, axis=0))  # every hidden unit computes the same thing
    assert_allclose(W2, W2[:, :1].repeat(4, axis=1))
    W1, _ = train(init.initialize_parameters_he([3, 4, 1], np.random.default_rng(1)))
    assert not np.allclose(W1, W1[:1].repeat(4, axis=0))


def test_large_random_weights_saturate_a_sigmoid_output():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 300))
    for initialize, saturated in [(init.initialize_parameters_random, True), (init.initialize_parameters_he, False)]:
        p = initialize([2, 10, 1], np.random.default_rng(3))
        Z2 = p["W2"] @ relu(p["W1"] @ X + p["b1"]) + p["b2"]
        share = np.mean(np.abs(Z2) > 10)  # sigmoid(10) = 0.99995
        assert (share > 0.5) == saturated, share


@pytest.mark.parametrize("initialize", RANDOM_SCHEMES)
def test_the_generator_alone_decides_the_weights(initialize):
    a = initialize([4, 3, 2], np.random.default_rng(7))
    b = initialize([4, 3, 2], np.random.default_rng(7))
    c = initialize([4, 3, 2], np.random.default_rng(8))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


@pytest.mark.parametrize("layers_dims, message", [
    ([3], "at least two layer sizes"),
    ([], "at least two layer sizes"),
    ([3, 0, 1], r"layers_dims\[1\] must be at least 1"),
    ([3, 2.5], r"layers_dims\[1\] must be an integer"),
    ([3, True], r"layers_dims\[1\] must be an integer"),
    ("32", "layers_dims must be a list"),
    (5, "layers_dims must be a list"),
])
@pytest.mark.parametrize("initialize", [lambda dims, rng: init.initialize_parameters_zeros(dims), *RANDOM_SCHEMES])
def test_bad_layers_dims_are_rejected(initialize, layers_dims, message):
    with pytest.raises(ValueError, match=message):
        initialize(layers_dims, np.random.default_rng(0))


@pytest.mark.parametrize("initialize", RANDOM_SCHEMES)
@pytest.mark.parametrize("rng", [None, 3, np.random.RandomState(0)])
def test_rng_must_be_a_generator(initialize, rng):
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        initialize([2, 3], rng)


@pytest.mark.parametrize("initialize", [lambda dims, rng: init.initialize_parameters_zeros(dims), *RANDOM_SCHEMES])
def test_layers_dims_is_not_modified_and_numpy_sizes_work(initialize):
    layers_dims = [4, 3, 1]
    initialize(layers_dims, np.random.default_rng(0))
    assert layers_dims == [4, 3, 1]
    sizes = np.array([4, 3, 1])
    assert initialize(sizes, np.random.default_rng(0))["W2"].shape == (1, 3)
    assert_array_equal(sizes, [4, 3, 1])
