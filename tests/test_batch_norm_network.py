"""Batch-norm network: gradient check of every parameter, autograd, test mode, no bias, real data, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal

from dlref import batch_norm_network as bnn
from dlref.activations import relu, sigmoid
from dlref.batch_norm import batchnorm_forward, batchnorm_inference
from dlref.deep_network import compute_cost
from gradcheck import numerical_gradient, relative_error
from real_data import breast_cancer_split

NETWORKS = [([3, 4, 3, 1], 8), ([2, 5, 1], 6), ([4, 3, 3, 2, 1], 10)]


def network(layer_dims, m: int, seed: int):
    """Parameters with gamma != 1, beta != 0, b != 0, inputs, labels; every Z_tilde kept off the ReLU kink."""
    rng = np.random.default_rng(seed)
    while True:
        parameters = bnn.initialize_parameters_bn(layer_dims, rng)
        parameters = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in parameters.items()}
        X = rng.normal(rng.normal(0, 2, (layer_dims[0], 1)), rng.uniform(0.5, 3, (layer_dims[0], 1)), (layer_dims[0], m))
        Y = (rng.random((1, m)) < 0.5).astype(np.float64)
        _, caches, _ = bnn.L_model_forward_bn(X, parameters)
        if all(np.abs(cache[3]).min() > 1e-3 for cache in caches[:-1]):
            return parameters, X, Y


def cost_of(parameters, X, Y, **kwargs) -> float:
    return compute_cost(bnn.L_model_forward_bn(X, parameters, **kwargs)[0], Y)


# --- gradients ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layer_dims, m", NETWORKS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_gradient_check_of_every_parameter(layer_dims, m, seed):
    # the cost is computed in training mode, so it moves with the batch mean and variance of every layer
    parameters, X, Y = network(layer_dims, m, seed)
    AL, caches, _ = bnn.L_model_forward_bn(X, parameters)
    grads = bnn.L_model_backward_bn(AL, Y, caches)
    assert sorted(grads) == sorted(f"d{key}" for key in parameters)
    for key, value in parameters.items():
        numeric = numerical_gradient(lambda v: cost_of({**parameters, key: v}, X, Y), value)
        assert grads[f"d{key}"].shape == value.shape
        assert relative_error(grads[f"d{key}"], numeric) < 1e-7, key


def test_the_gradient_check_pins_the_paths_through_the_batch_mean_and_variance():
    # with the batch statistics frozen as constants the gradient of W1 is a different one
    parameters, X, Y = network([3, 4, 3, 1], 8, 3)
    AL, caches, _ = bnn.L_model_forward_bn(X, parameters)
    dW1 = bnn.L_model_backward_bn(AL, Y, caches)["dW1"]
    mu, var = caches[0][2]["mu"], caches[0][2]["var"]

    def frozen_cost(W1):
        Z_tilde = batchnorm_inference(W1 @ X, parameters["gamma1"], parameters["beta1"], mu, var)
        rest = {"W1": parameters["W2"], "gamma1": parameters["gamma2"], "beta1": parameters["beta2"],
                "W2": parameters["W3"], "b2": parameters["b3"]}
        return cost_of(rest, relu(Z_tilde), Y)

    assert_allclose(frozen_cost(parameters["W1"]), cost_of(parameters, X, Y), rtol=1e-12)  # same value...
    assert relative_error(dW1, numerical_gradient(frozen_cost, parameters["W1"])) > 1e-2  # ...not the same slope


def autograd_cost(params, X, Y, L, epsilon):
    """The textbook network, written independently of dlref."""
    A = X
    for l in range(1, L):
        Z = anp.dot(params[f"W{l}"], A)
        mu = anp.mean(Z, axis=1, keepdims=True)
        var = anp.mean((Z - mu) ** 2, axis=1, keepdims=True)
        A = anp.maximum(params[f"gamma{l}"] * (Z - mu) / anp.sqrt(var + epsilon) + params[f"beta{l}"], 0.0)
    ZL = anp.dot(params[f"W{L}"], A) + params[f"b{L}"]
    return anp.mean(Y * anp.logaddexp(0.0, -ZL) + (1 - Y) * anp.logaddexp(0.0, ZL))


@pytest.mark.parametrize("layer_dims, m", NETWORKS)
def test_backward_matches_autograd(layer_dims, m):
    parameters, X, Y = network(layer_dims, m, 4)
    epsilon = 1e-3  # visible, so that its place inside the root matters
    AL, caches, _ = bnn.L_model_forward_bn(X, parameters, epsilon=epsilon)
    grads = bnn.L_model_backward_bn(AL, Y, caches)
    assert_allclose(compute_cost(AL, Y), autograd_cost(parameters, X, Y, len(layer_dims) - 1, epsilon), rtol=1e-12)
    expected = grad(autograd_cost)(parameters, X, Y, len(layer_dims) - 1, epsilon)
    for key in parameters:
        assert_allclose(grads[f"d{key}"], expected[key], rtol=1e-9, atol=1e-13)


# --- training mode and test mode ---------------------------------------------------------------


def test_test_mode_predictions_of_one_example_do_not_depend_on_the_rest_of_the_batch():
    parameters, X, _ = network([3, 4, 3, 1], 8, 5)
    rng = np.random.default_rng(6)
    running = {k: np.abs(rng.normal(1, 0.5, v.shape)) if "var" in k else rng.normal(0, 1, v.shape)
               for k, v in bnn.initialize_running_averages([3, 4, 3, 1]).items()}
    _, caches, _ = bnn.L_model_forward_bn(X, parameters)
    i = int(np.argmax(relu(caches[1][3]).sum(axis=0)))  # an example that reaches the output through a ReLU
    other = X + rng.normal(0, 1, X.shape)
    other[:, i] = X[:, i]  # the same example i, different companions
    test_a = bnn.L_model_forward_bn(X, parameters, running, training=False)[0]
    test_b = bnn.L_model_forward_bn(other, parameters, running, training=False)[0]
    alone = bnn.L_model_forward_bn(X[:, i:i + 1], parameters, running, training=False)[0]
    assert_allclose(test_b[0, i], test_a[0, i], rtol=1e-14)
    assert_allclose(alone[0, 0], test_a[0, i], rtol=1e-14)
    train_a = bnn.L_model_forward_bn(X, parameters, running, training=True)[0]
    train_b = bnn.L_model_forward_bn(other, parameters, running, training=True)[0]
    assert abs(train_a[0, i] - train_b[0, i]) > 1e-3  # the batch's own statistics: it depends on them
    with pytest.raises(ValueError, match="at least 2 examples"):
        bnn.L_model_forward_bn(X[:, i:i + 1], parameters, running, training=True)


def test_test_mode_normalizes_with_the_running_averages():
    # running averages equal to this batch's statistics make the two modes agree exactly
    parameters, X, _ = network([3, 4, 3, 1], 8, 7)
    AL, caches, _ = bnn.L_model_forward_bn(X, parameters)
    running = {}
    for l in (1, 2):
        running[f"running_mean{l}"], running[f"running_var{l}"] = caches[l - 1][2]["mu"], caches[l - 1][2]["var"]
    assert_allclose(bnn.L_model_forward_bn(X, parameters, running, training=False)[0], AL, rtol=1e-12)
    shifted = {**running, "running_mean1": running["running_mean1"] + 1.0}
    assert not np.allclose(bnn.L_model_forward_bn(X, parameters, shifted, training=False)[0], AL)


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
def test_training_mode_returns_new_running_averages_of_the_batch_statistics(momentum):
    parameters, X, _ = network([3, 4, 3, 1], 8, 8)
    running = bnn.initialize_running_averages([3, 4, 3, 1])
    _, caches, new = bnn.L_model_forward_bn(X, parameters, running, momentum=momentum)
    for l in (1, 2):
        mu, var = caches[l - 1][2]["mu"], caches[l - 1][2]["var"]
        assert_allclose(new[f"running_mean{l}"], (1 - momentum) * mu, rtol=1e-14, atol=1e-15)
        assert_allclose(new[f"running_var{l}"], momentum + (1 - momentum) * var, rtol=1e-14)
    assert_array_equal(running["running_var1"], np.ones((4, 1)))  # untouched
    _, _, default = bnn.L_model_forward_bn(X, parameters, momentum=momentum)  # running=None: the initial averages
    assert all(np.array_equal(default[k], new[k]) for k in new)
    _, _, same = bnn.L_model_forward_bn(X, parameters, new, training=False)
    assert all(np.array_equal(same[k], new[k]) and not np.shares_memory(same[k], new[k]) for k in new)


# --- no bias before batch norm -----------------------------------------------------------------


def forward_with_biases(X, parameters, biases):
    """The same network with a bias b{l} added before each batch norm, from dlref's separate pieces."""
    L = len(biases) + 1
    A = X
    for l in range(1, L):
        Z = parameters[f"W{l}"] @ A + biases[l - 1]
        A = relu(batchnorm_forward(Z, parameters[f"gamma{l}"], parameters[f"beta{l}"])[0])
    return sigmoid(parameters[f"W{L}"] @ A + parameters[f"b{L}"])


@pytest.mark.parametrize("seed", [0, 1])
def test_a_bias_before_batch_norm_has_no_effect_on_the_output(seed):
    parameters, X, Y = network([3, 4, 3, 1], 8, seed)
    rng = np.random.default_rng(seed + 20)
    zeros = [np.zeros((4, 1)), np.zeros((3, 1))]
    biases = [rng.normal(0, 10, (4, 1)), rng.normal(0, 10, (3, 1))]
    AL = bnn.L_model_forward_bn(X, parameters)[0]
    assert_allclose(forward_with_biases(X, parameters, zeros), AL, rtol=1e-13)  # the helper is the same network
    assert_allclose(forward_with_biases(X, parameters, biases), AL, rtol=1e-9)
    # and the cost's gradient with respect to such a bias is zero: it could never learn anything
    for l in (1, 2):
        def cost(b):
            return compute_cost(forward_with_biases(X, parameters, [b if i == l - 1 else biases[i] for i in (0, 1)]), Y)
        assert_allclose(numerical_gradient(cost, biases[l - 1]), 0.0, atol=1e-9)


def test_a_bias_before_batch_norm_is_rejected_with_the_reason():
    parameters, X, _ = network([3, 4, 1], 6, 9)
    with pytest.raises(ValueError, match=r"unexpected \['b1'\].*no bias b\{l\}: beta\{l\} takes its place"):
        bnn.L_model_forward_bn(X, {**parameters, "b1": np.zeros((4, 1))})


def test_initialization():
    parameters = bnn.initialize_parameters_bn([300, 200, 100, 1], np.random.default_rng(0))
    assert sorted(parameters) == ["W1", "W2", "W3", "b3", "beta1", "beta2", "gamma1", "gamma2"]
    assert_allclose(parameters["W1"].var(), 2 / 300, rtol=0.05)  # He: variance 2 / n[l-1]
    assert_allclose(parameters["W2"].var(), 2 / 200, rtol=0.05)
    assert_array_equal(parameters["gamma2"], np.ones((100, 1)))
    assert_array_equal(parameters["beta1"], np.zeros((200, 1)))
    assert_array_equal(parameters["b3"], np.zeros((1, 1)))


# --- update, training, prediction --------------------------------------------------------------


def test_update_parameters_bn_steps_every_parameter():
    parameters, X, Y = network([3, 4, 1], 6, 10)
    AL, caches, _ = bnn.L_model_forward_bn(X, parameters)
    grads = bnn.L_model_backward_bn(AL, Y, caches)
    new = bnn.update_parameters_bn(parameters, {**grads, "dA0": np.ones(3)}, 0.1)  # extra keys ignored
    assert sorted(new) == sorted(parameters)
    for key in parameters:
        assert_allclose(new[key], parameters[key] - 0.1 * grads[f"d{key}"], rtol=1e-15)
        assert not np.shares_memory(new[key], parameters[key])


def test_breast_cancer_held_out_accuracy_is_at_least_95_percent():
    X_train, Y_train, X_test, Y_test = breast_cancer_split()
    parameters, running, costs = bnn.model_bn(X_train, Y_train, [30, 20, 7, 1], learning_rate=0.1, num_epochs=30)
    assert float(np.mean(bnn.predict_bn(parameters, running, X_test) == Y_test)) >= 0.95
    assert len(costs) == 30 and costs[-1] < 0.15 < costs[0]


def test_model_bn_is_reproducible_prints_and_skips_a_single_leftover_example(capsys):
    rng = np.random.default_rng(11)
    X = rng.standard_normal((2, 9))  # mini-batches of 4, 4 and 1
    Y = (X[:1] + X[1:] > 0).astype(np.float64)
    parameters, running, costs = bnn.model_bn(X, Y, [2, 3, 1], 0.1, num_epochs=3, mini_batch_size=4, print_cost=True)
    assert capsys.readouterr().out.splitlines()[0].startswith("Cost after epoch 0:")
    again = bnn.model_bn(X, Y, [2, 3, 1], 0.1, num_epochs=3, mini_batch_size=4)  # rng=None is seed 0
    assert all(np.array_equal(parameters[k], again[0][k]) for k in parameters) and costs == again[2]
    other = bnn.model_bn(X, Y, [2, 3, 1], 0.1, num_epochs=3, mini_batch_size=4, rng=np.random.default_rng(1))
    assert not np.array_equal(parameters["W1"], other[0]["W1"])


def test_predict_bn_thresholds_the_test_mode_output_at_one_half():
    parameters, X, _ = network([3, 4, 3, 1], 40, 12)
    running = bnn.L_model_forward_bn(X, parameters)[2]
    AL = bnn.L_model_forward_bn(X, parameters, running, training=False)[0]
    assert_array_equal(bnn.predict_bn(parameters, running, X), (AL > 0.5).astype(float))
    assert bnn.predict_bn(parameters, running, X[:, :1]).shape == (1, 1)


# --- bad input, untouched input ----------------------------------------------------------------


def good():
    parameters, X, Y = network([3, 4, 1], 6, 13)
    AL, caches, running = bnn.L_model_forward_bn(X, parameters)
    return parameters, X, Y, AL, caches, running


def bad_calls():
    p, X, Y, AL, caches, running = good()
    _, test_caches, _ = bnn.L_model_forward_bn(X, p, running, training=False)
    return [
        (lambda: bnn.L_model_forward_bn(X.ravel(), p), r"X has shape \(18,\), a rank-1 array"),
        (lambda: bnn.L_model_forward_bn(X.T, p), r"X has shape \(6, 3\); expected shape \(3, m\) because W1 has shape \(4, 3\)"),
        (lambda: bnn.predict_bn(p, running, X.T), r"X has shape \(6, 3\); expected shape \(3, m\) because W1 has shape \(4, 3\)"),
        (lambda: bnn.L_model_forward_bn(X, {**p, "gamma1": np.ones(4)}), r"gamma1 has shape \(4,\), a rank-1"),
        (lambda: bnn.L_model_forward_bn(X, {**p, "beta1": np.zeros((1, 4))}), r"beta1 has shape \(1, 4\); expected shape \(4, 1\)"),
        (lambda: bnn.L_model_forward_bn(X, {k: v for k, v in p.items() if k != "gamma1"}), r"missing \['gamma1'\]"),
        (lambda: bnn.L_model_forward_bn(X, {**p, "W2": np.ones((2, 4)), "b2": np.ones((2, 1))}), "1 unit, so 1 row"),
        (lambda: bnn.L_model_forward_bn(X, p, training=False), "Test mode .* needs the running averages"),
        (lambda: bnn.L_model_forward_bn(X, p, {"running_mean1": running["running_mean1"]}), r"keys \['running_mean1', 'running_var1'\]"),
        (lambda: bnn.L_model_forward_bn(X, p, {**running, "running_var1": np.ones(4)}), r"running_var1 has shape \(4,\)"),
        (lambda: bnn.L_model_forward_bn(X, p, {**running, "running_var1": -np.ones((4, 1))}, training=False), "non-negative"),
        (lambda: bnn.L_model_forward_bn(X, p, training="no"), "training must be True or False"),
        (lambda: bnn.L_model_forward_bn(X, p, momentum=1.0), r"momentum must be in \[0, 1\)"),
        (lambda: bnn.L_model_forward_bn(X, p, epsilon=0.0), "epsilon must be greater than 0"),
        (lambda: bnn.L_model_backward_bn(AL.ravel(), Y, caches), r"AL has shape \(6,\), a rank-1 array"),
        (lambda: bnn.L_model_backward_bn(AL, Y[:, :5], caches), r"Y has shape \(1, 5\)"),
        (lambda: bnn.L_model_backward_bn(AL, Y, []), "non-empty list"),
        (lambda: bnn.L_model_backward_bn(AL, Y, test_caches), "training=True; a test-mode forward pass"),
        (lambda: bnn.update_parameters_bn(p, {"dW1": np.ones((4, 3))}, 0.1), r"grads lacks \['dgamma1'"),
        (lambda: bnn.update_parameters_bn(p, {f"d{k}": v.T for k, v in p.items()}, 0.1), r"dW1 has shape \(3, 4\)"),
        (lambda: bnn.update_parameters_bn(p, {f"d{k}": v for k, v in p.items()}, -1.0), "learning_rate must be greater than 0"),
        (lambda: bnn.initialize_parameters_bn([3], np.random.default_rng(0)), "at least two layer sizes"),
        (lambda: bnn.initialize_parameters_bn([3, 0, 1], np.random.default_rng(0)), r"layer_dims\[1\] must be at least 1"),
        (lambda: bnn.initialize_parameters_bn([3, 2, 1], 0), "rng must be a numpy.random.Generator"),
        (lambda: bnn.model_bn(X, Y, [4, 4, 1]), r"layers_dims must start with the number of rows of X \(3"),
        (lambda: bnn.model_bn(X, Y, [3, 4, 2]), "end with 1"),
        (lambda: bnn.model_bn(X, Y, [3, 4, 1], mini_batch_size=1), "mini_batch_size must be at least 2"),
        (lambda: bnn.model_bn(X, 2 * Y + 1, [3, 4, 1]), r"labels in \[0, 1\]"),
        (lambda: bnn.predict_bn(p, None, X), "needs the running averages"),
        (lambda: bnn.model_bn(X[:, :1], Y[:, :1], [3, 4, 1]), r"X has shape \(3, 1\): batch norm needs at least 2"),
    ]


@pytest.mark.parametrize("index", range(30))
def test_bad_input_raises_a_value_error_naming_the_problem(index):
    calls = bad_calls()
    assert len(calls) == 30
    call, message = calls[index]
    with pytest.raises(ValueError, match=message):
        call()


def test_inputs_are_not_modified():
    p, X, Y, _, _, running = good()
    copies = [{k: v.copy() for k, v in d.items()} for d in (p, running)]
    X_copy, Y_copy = X.copy(), Y.copy()
    AL, caches, new_running = bnn.L_model_forward_bn(X, p, running)
    cache_copies = [(c[0].copy(), c[1].copy(), {k: np.copy(v) for k, v in c[2].items()}, c[3].copy()) for c in caches[:-1]]
    grads = bnn.L_model_backward_bn(AL, Y, caches)
    grads_copy = {k: v.copy() for k, v in grads.items()}
    bnn.update_parameters_bn(p, grads, 0.1)
    bnn.predict_bn(p, running, X)
    bnn.model_bn(X, Y, [3, 4, 1], num_epochs=2, mini_batch_size=3)
    for d, copy in zip((p, running), copies):
        assert all(np.array_equal(d[k], copy[k]) for k in copy) and sorted(d) == sorted(copy)
    assert_array_equal(X, X_copy)
    assert_array_equal(Y, Y_copy)
    assert all(np.array_equal(grads[k], grads_copy[k]) for k in grads_copy)
    for cache, copy in zip(caches[:-1], cache_copies):
        assert_array_equal(cache[0], copy[0])
        assert_array_equal(cache[3], copy[3])
        assert all(np.array_equal(cache[2][k], copy[2][k]) for k in copy[2])
    assert not any(np.shares_memory(new_running[k], running[k]) for k in running)


@pytest.mark.parametrize("entry, value, message", [
    (1, np.ones(4 * 3), r"caches\[0\] W has shape \(12,\), a rank-1 array"),
    (1, np.ones((4, 2)), r"caches\[0\] W has shape \(4, 2\); expected shape \(\?, 3\)"),
    (0, np.ones((3, 5)), r"caches\[0\] A_prev has shape \(3, 5\); expected shape \(n_prev, 6\)"),
    (3, np.ones((4, 5)), r"caches\[0\] Z_tilde has shape \(4, 5\); expected shape \(4, 6\)"),
])
def test_backward_checks_each_layer_cache_and_names_the_entry(entry, value, message):
    # a wrong-shaped W would otherwise give a dW1 of the wrong shape, or fail inside NumPy
    _, _, Y, AL, caches, _ = good()
    layer = list(caches[0])
    layer[entry] = value
    with pytest.raises(ValueError, match=message):
        bnn.L_model_backward_bn(AL, Y, [tuple(layer), *caches[1:]])


@pytest.mark.parametrize("key, value, message", [
    ("var", np.ones(4), r"caches\[0\] bn_cache: var has shape \(4,\), a rank-1 array"),
    ("gamma", np.ones((1, 4)), r"caches\[0\] bn_cache: gamma has shape \(1, 4\); expected shape \(4, 1\)"),
    ("var", None, r"caches\[0\] bn_cache: cache must be the dict .* missing \['var'\]"),
])
def test_backward_checks_the_batch_norm_cache_of_each_layer(key, value, message):
    _, _, Y, AL, caches, _ = good()
    bn_cache = {k: v for k, v in caches[0][2].items() if k != key or value is not None}
    if value is not None:
        bn_cache[key] = value
    with pytest.raises(ValueError, match=message):
        bnn.L_model_backward_bn(AL, Y, [(*caches[0][:2], bn_cache, caches[0][3]), *caches[1:]])


@pytest.mark.parametrize("where", ["parameters", "running"])
def test_predict_refuses_parameters_that_diverged(where):
    p, X, _, _, _, running = good()
    if where == "parameters":
        p = {**p, "gamma1": np.full_like(p["gamma1"], np.nan)}
        message = "gamma1 holds NaN: training diverged"
    else:
        running = {**running, "running_mean1": np.full_like(running["running_mean1"], np.nan)}
        message = "running_mean1 holds NaN: training diverged"
    with pytest.raises(ValueError, match=message):
        bnn.predict_bn(p, running, X)
    with pytest.raises(ValueError, match="X holds NaN"):
        bnn.predict_bn(*good()[:1], good()[5], np.full_like(X, np.nan))


def test_model_costs_are_numpy_float64():
    X, Y = np.array([[-2.0, -1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    _, _, costs = bnn.model_bn(X, Y, [1, 2, 1], num_epochs=2, mini_batch_size=4)
    assert all(type(c) is np.float64 and c.shape == () for c in costs)
