"""Course 2's network: softmax output, L2 and dropout in backprop, and the `model` entry point."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal

from dlref import deep_network as dn
from dlref.lr_decay import update_lr
from dlref.regularization import compute_cost_with_regularization
from dlref.softmax import convert_to_one_hot
from dlref.training import model, model_with_early_stopping
from gradcheck import numerical_gradient, relative_error
from real_data import digits_split


def network(layer_dims, m, seed, classes=1):
    rng = np.random.default_rng(seed)
    parameters = dn.initialize_parameters_deep(layer_dims, rng)
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}  # nonzero biases
    X = rng.standard_normal((layer_dims[0], m))
    if classes == 1:
        Y = (X[:1] - X[-1:] > 0).astype(float)  # learnable labels
    else:
        Y = convert_to_one_hot(rng.integers(0, classes, (1, m)), classes)
    return parameters, X, Y


def check_all_gradients(parameters, grads, cost_of):
    """Compare every dW, db with centred differences of ``cost_of(parameters)``."""
    for key, value in parameters.items():
        def J(v, key=key):
            return cost_of({**parameters, key: v})

        assert relative_error(grads[f"d{key}"], numerical_gradient(J, value)) < 1e-7, key


@pytest.mark.parametrize("lambd", [0.7, 3.0])
@pytest.mark.parametrize("classes", [1, 3])
def test_l2_regularized_backward_gradient_check(lambd, classes):
    dims = [4, 5, 3, classes]
    parameters, X, Y = network(dims, 6, seed=1, classes=classes)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches, lambd=lambd)
    check_all_gradients(
        parameters, grads,
        lambda p: compute_cost_with_regularization(dn.L_model_forward(X, p)[0], Y, p, lambd),
    )


def test_l2_adds_lambda_over_m_times_W_to_the_weights_only():
    parameters, X, Y = network([3, 4, 1], 5, seed=2)
    AL, caches = dn.L_model_forward(X, parameters)
    plain, regularized = dn.L_model_backward(AL, Y, caches), dn.L_model_backward(AL, Y, caches, lambd=2.0)
    for l in (1, 2):
        assert_allclose(regularized[f"dW{l}"], plain[f"dW{l}"] + 2.0 / 5 * parameters[f"W{l}"], rtol=1e-12)
        assert_array_equal(regularized[f"db{l}"], plain[f"db{l}"])  # biases are not regularized


def test_l2_cost_is_half_lambda_over_m_times_squared_frobenius_norms():
    parameters, X, Y = network([3, 4, 2, 1], 8, seed=3)
    AL, _ = dn.L_model_forward(X, parameters)
    squared_norms = sum(np.linalg.norm(parameters[f"W{l}"], "fro") ** 2 for l in (1, 2, 3))
    expected = dn.compute_cost(AL, Y) + 0.5 / (2 * 8) * squared_norms
    assert_allclose(compute_cost_with_regularization(AL, Y, parameters, 0.5), expected, rtol=1e-13)


@pytest.mark.parametrize("classes", [3, 5])
@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_output_backward_gradient_check(classes, seed):
    parameters, X, Y = network([3, 4, classes], 7, seed=seed, classes=classes)
    AL, caches = dn.L_model_forward(X, parameters)
    assert_allclose(AL.sum(axis=0), 1.0, rtol=1e-12)
    grads = dn.L_model_backward(AL, Y, caches)
    check_all_gradients(parameters, grads, lambda p: dn.compute_cost(dn.L_model_forward(X, p)[0], Y))


def test_softmax_network_matches_autograd():
    parameters, X, Y = network([3, 5, 4, 3], 6, seed=4, classes=3)

    def cost(p):  # written independently of dlref
        A = X
        for l in (1, 2):
            A = anp.maximum(0.0, anp.dot(p[f"W{l}"], A) + p[f"b{l}"])
        Z = anp.dot(p["W3"], A) + p["b3"]
        Z = Z - anp.max(Z, axis=0, keepdims=True)
        log_softmax = Z - anp.log(anp.sum(anp.exp(Z), axis=0, keepdims=True))
        return -anp.sum(Y * log_softmax) / X.shape[1]

    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    expected = grad(cost)(parameters)
    for key in parameters:
        assert_allclose(grads[f"d{key}"], expected[key], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("keep_prob", [0.5, 0.8])
def test_dropout_backward_gradient_check_with_fixed_masks(keep_prob):
    parameters, X, Y = network([4, 6, 5, 1], 8, seed=5)

    def forward(p):  # the same seed draws the same masks on every call
        return dn.L_model_forward(X, p, keep_prob=keep_prob, rng=np.random.default_rng(11))

    AL, caches = forward(parameters)
    assert all(len(cache) == 3 for cache in caches[:-1]) and len(caches[-1]) == 2
    grads = dn.L_model_backward(AL, Y, caches)
    check_all_gradients(parameters, grads, lambda p: dn.compute_cost(forward(p)[0], Y))


def test_dropout_is_off_by_default_and_needs_a_generator():
    parameters, X, _ = network([3, 4, 1], 5, seed=6)
    AL_1, _ = dn.L_model_forward(X, parameters)
    AL_2, _ = dn.L_model_forward(X, parameters, keep_prob=1.0, rng=np.random.default_rng(0))
    assert_array_equal(AL_1, AL_2)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        dn.L_model_forward(X, parameters, keep_prob=0.5)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\]"):
        dn.L_model_forward(X, parameters, keep_prob=1.2, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="lambd must be at least 0"):
        dn.L_model_backward(AL_1, np.ones((1, 5)), dn.L_model_forward(X, parameters)[1], lambd=-1.0)


def test_softmax_predictions_are_the_likeliest_class():
    parameters, X, _ = network([3, 4, 5], 9, seed=7, classes=5)
    AL, _ = dn.L_model_forward(X, parameters)
    assert_array_equal(dn.predict(parameters, X), AL.argmax(axis=0).reshape(1, -1))


def test_one_batch_of_plain_gradient_descent_is_L_layer_model():
    # the same initial weights, the whole set as one mini-batch: the same trajectory
    _, X, Y = network([3, 4, 1], 12, seed=8)
    trained, costs = model(X, Y, [3, 4, 1], optimizer="gd", learning_rate=0.1, mini_batch_size=12, num_epochs=30)
    reference, reference_costs = dn.L_layer_model(X, Y, [3, 4, 1], learning_rate=0.1, num_iterations=30)
    for key in reference:
        assert_allclose(trained[key], reference[key], rtol=1e-10, atol=1e-13)
    assert_allclose(costs[0], reference_costs[0], rtol=1e-12)


@pytest.mark.parametrize("optimizer, learning_rate", [("gd", 0.1), ("momentum", 0.1), ("rmsprop", 0.01), ("adam", 0.01)])
def test_every_optimizer_lowers_the_cost(optimizer, learning_rate):
    _, X, Y = network([3, 5, 1], 100, seed=9)
    _, costs = model(X, Y, [3, 5, 1], optimizer=optimizer, learning_rate=learning_rate, num_epochs=20, mini_batch_size=16)
    assert len(costs) == 20 and costs[-1] < 0.9 * costs[0]


def test_digits_softmax_network_with_adam_reaches_95_percent():
    X_train, Y_train, X_test, y_test = digits_split()
    parameters, costs = model(X_train, Y_train, [64, 32, 10], optimizer="adam", learning_rate=0.001, num_epochs=60)
    accuracy = float(np.mean(dn.predict(parameters, X_test) == y_test))
    assert accuracy >= 0.95
    assert costs[-1] < costs[0] / 5


def test_l2_regularization_shrinks_the_weights():
    _, X, Y = network([3, 8, 1], 60, seed=10)
    norm = lambda p: sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2))  # noqa: E731
    plain, _ = model(X, Y, [3, 8, 1], optimizer="adam", learning_rate=0.01, num_epochs=50)
    shrunk, _ = model(X, Y, [3, 8, 1], optimizer="adam", learning_rate=0.01, num_epochs=50, lambd=5.0)
    assert norm(shrunk) < 0.7 * norm(plain)


def test_decay_schedule_is_applied_each_epoch(capsys):
    _, X, Y = network([2, 3, 1], 10, seed=11)
    model(X, Y, [2, 3, 1], learning_rate=0.5, num_epochs=201, decay=update_lr, decay_rate=1.0, print_cost=True)
    rates = [float(line.split("learning rate ")[1].rstrip(")")) for line in capsys.readouterr().out.splitlines()]
    assert_allclose(rates, [0.5 / (1 + e) for e in (0, 100, 200)], rtol=1e-2)


def test_early_stopping_keeps_the_best_dev_epoch():
    X_train, Y_train, X_dev, y_dev = digits_split(test_size=0.5, seed=1)
    X_train, Y_train = X_train[:, :150], Y_train[:, :150]  # a small training set overfits
    Y_dev = convert_to_one_hot(y_dev, 10)
    options = dict(optimizer="adam", learning_rate=0.01, mini_batch_size=32, num_epochs=400)
    best, costs, dev_costs, best_epoch = model_with_early_stopping(X_train, Y_train, X_dev, Y_dev, [64, 64, 10], patience=15, **options)
    assert best_epoch == int(np.argmin(dev_costs)) and len(dev_costs) == best_epoch + 16 < 400
    replay, _ = model(X_train, Y_train, [64, 64, 10], **{**options, "num_epochs": best_epoch + 1})
    for key in replay:
        assert_array_equal(best[key], replay[key])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"optimizer": "sgd"}, "optimizer must be one of"),
        ({"learning_rate": 0.0}, "learning_rate must be greater than 0"),
        ({"mini_batch_size": 0}, "mini_batch_size must be at least 1"),
        ({"keep_prob": 0.0}, "keep_prob must be in"),
        ({"lambd": -0.1}, "lambd must be at least 0"),
        ({"decay": 0.9}, "decay must be None or a function"),
        ({"layers_dims": [3, 4, 1]}, r"layers_dims must start with the number of rows of X \(2, X has shape \(2, 10\)\)"),
        ({"Y": np.ones(10)}, r"Y has shape \(10,\), a rank-1 array"),
    ],
)
def test_model_rejects_bad_arguments(kwargs, message):
    _, X, Y = network([2, 3, 1], 10, seed=12)
    arguments = {"X": X, "Y": Y, "layers_dims": [2, 3, 1], "num_epochs": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        model(**arguments)


def test_model_does_not_modify_its_inputs():
    _, X, Y = network([2, 3, 1], 10, seed=13)
    X_copy, Y_copy = X.copy(), Y.copy()
    model(X, Y, [2, 3, 1], optimizer="adam", num_epochs=3, keep_prob=0.8, lambd=0.1)
    assert_array_equal(X, X_copy)
    assert_array_equal(Y, Y_copy)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "rmsprop", "adam"])
@pytest.mark.parametrize("lambd, keep_prob, classes", [(0.0, 1.0, 1), (0.3, 0.8, 3)])
def test_model_is_the_loop_of_checked_public_steps_to_the_last_bit(optimizer, lambd, keep_prob, classes):
    """model runs unchecked inner steps without dA0; a learner's loop of the public functions
    (with dA0, every argument checked at every step) must give the very same numbers."""
    from dlref import optimizers as opt
    from dlref.mini_batches import random_mini_batches

    dims = [4, 5, 3, classes]
    _, X, Y = network(dims, 23, seed=7, classes=classes)
    options = {"learning_rate": 0.01, "mini_batch_size": 8, "num_epochs": 3, "lambd": lambd, "keep_prob": keep_prob}
    parameters, costs = model(X, Y, dims, optimizer=optimizer, **options)

    rng = np.random.default_rng(0)
    p = dn.initialize_parameters_deep(dims, rng)
    v, s = opt.initialize_adam(p)
    t, expected_costs = 0, []
    for _ in range(3):
        total = 0.0
        for X_t, Y_t in random_mini_batches(X, Y, 8, rng=rng):
            AL, caches = dn.L_model_forward(X_t, p, keep_prob, rng if keep_prob < 1 else None)
            total += compute_cost_with_regularization(AL, Y_t, p, lambd) * X_t.shape[1]
            grads = dn.L_model_backward(AL, Y_t, caches, lambd)
            if optimizer == "gd":
                p = dn.update_parameters(p, grads, 0.01)
            elif optimizer == "momentum":
                p, v = opt.update_parameters_with_momentum(p, grads, v, 0.9, 0.01)
            elif optimizer == "rmsprop":
                p, s = opt.update_parameters_with_rmsprop(p, grads, s, 0.9, 0.01)
            else:
                t += 1
                p, v, s = opt.update_parameters_with_adam(p, grads, v, s, t, 0.01)
        expected_costs.append(total / X.shape[1])
    assert costs == expected_costs
    for key in p:
        assert_array_equal(parameters[key], p[key], err_msg=key)
