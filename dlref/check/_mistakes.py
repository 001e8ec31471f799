"""The known mistakes of each checked function, each written as the wrong formula itself.

They come from the formula pitfalls dlref's tests pin and from the errata of the notes
(``docs/errata.md`` and ``docs/errata-courses-2-5.md``, cited by section). Each wrong version is otherwise right, so that a learner
whose outputs match it on every case made exactly that mistake. The right parts reuse dlref.
"""

from __future__ import annotations

import math

import numpy as np

from dlref import activations, batch_norm, deep_network, gradient_check, layers, logistic_regression
from dlref.activations import relu, sigmoid
from dlref.check._engine import Mistake

LOG_LOSS = "−(1/m) Σ [y log a + (1 − y) log(1 − a)] computed from z, y log(1 + e^−z) + (1 − y) log(1 + e^z)"


# ---------------------------------------------------------------- activations and log loss


def sigmoid_naive(Z):
    return 1 / (1 + np.exp(-Z))  # overflows for large negative Z


def sigmoid_backward_naive(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def sigmoid_backward_on_A(dA, Z):
    return dA * Z * (1 - Z)  # the slope a(1 - a) applied to z


def _log_loss_from_a(A, Y):
    return -(Y * np.log(A) + (1 - Y) * np.log(1 - A))  # log(0) once a rounds to 0 or 1


def logistic_loss_from_a(Z, Y):
    return _log_loss_from_a(sigmoid(Z), Y)


def logistic_loss_swapped(Z, Y):
    return _log_loss_from_a(Y, sigmoid(Z))  # L(y, ŷ) instead of L(ŷ, y)


def logistic_cost_from_a(Z, Y):
    return float(np.mean(_log_loss_from_a(sigmoid(Z), Y)))


def cost_from_a(AL, Y):
    return float(np.mean(_log_loss_from_a(AL, Y)))


def cost_as_array(AL, Y):
    return np.array([[deep_network.compute_cost(AL, Y)]])  # the right number, left (1, 1) by keepdims=True


def propagate_cost_from_a(w, b, X, Y):
    grads, _ = logistic_regression.propagate(w, b, X, Y)
    A = sigmoid(w.T @ X + b)
    return grads, float(np.mean(_log_loss_from_a(A, Y)))


def propagate_dw_without_1_over_m(w, b, X, Y):
    grads, cost = logistic_regression.propagate(w, b, X, Y)
    A = sigmoid(w.T @ X + b)
    return {"dw": X @ (A - Y).T, "db": grads["db"]}, cost


def initialize_with_zeros_rank1(dim):
    return np.zeros(dim), 0.0


def initialize_with_zeros_int_b(dim):
    return np.zeros((dim, 1)), 0


def predict_tie_is_one(w, b, X):
    return (sigmoid(w.T @ X + b) >= 0.5).astype(float)


# ---------------------------------------------------------------- shallow network


def layer_sizes_from_columns(X, Y, n_h=4):
    return X.shape[1], n_h, Y.shape[0]  # the columns of X are examples, not features


def initialize_parameters_transposed(n_x, n_h, n_y, rng):
    W1 = rng.standard_normal((n_x, n_h)) * 0.01  # (n[0], n[1]) instead of (n[1], n[0])
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_h, n_y)) * 0.01
    return {"W1": W1, "b1": b1, "W2": W2, "b2": np.zeros((n_y, 1))}


def backward_propagation_slope_from_Z1(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (1 - cache["Z1"] ** 2)  # 1 - z², not 1 - tanh(z)²
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}


# ---------------------------------------------------------------- deep network


def _init(layer_dims, rng, scale):
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * scale(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def init_times_001(layer_dims, rng):
    return _init(layer_dims, rng, lambda n_prev: 0.01)


def init_variance_as_scale(layer_dims, rng):
    return _init(layer_dims, rng, lambda n_prev: 2 / n_prev)  # 2/n, not its square root


def init_xavier_scale(layer_dims, rng):
    return _init(layer_dims, rng, lambda n_prev: math.sqrt(1 / n_prev))


def init_he_scale(layer_dims, rng):
    return _init(layer_dims, rng, lambda n_prev: math.sqrt(2 / n_prev))


def init_xavier_variance_as_scale(layer_dims, rng):
    return _init(layer_dims, rng, lambda n_prev: 1 / n_prev)


def init_rank1_biases(layer_dims, rng):
    parameters = deep_network.initialize_parameters_deep(layer_dims, rng)
    return {k: (np.zeros(v.shape[0]) if k.startswith("b") else v) for k, v in parameters.items()}


def zeros_rank1_biases(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros(layers_dims[l])
    return parameters


def linear_backward_without_1_over_m(dZ, cache):
    A_prev, W, b = cache
    dA_prev, _, db = layers.linear_backward(dZ, cache)
    return dA_prev, dZ @ A_prev.T, db


def linear_backward_transposed(dZ, cache):
    A_prev, W, b = cache
    dA_prev, _, db = layers.linear_backward(dZ, cache)
    return dA_prev, A_prev @ dZ.T / dZ.shape[1], db  # (n_prev, n): the transpose


def linear_backward_db_axis0(dZ, cache):
    dA_prev, dW, _ = layers.linear_backward(dZ, cache)
    return dA_prev, dW, np.sum(dZ, axis=0, keepdims=True) / dZ.shape[1]


def linear_backward_db_rank1(dZ, cache):
    dA_prev, dW, _ = layers.linear_backward(dZ, cache)
    return dA_prev, dW, np.sum(dZ, axis=1) / dZ.shape[1]


def linear_activation_backward_relu_at_0(dA, cache, activation):
    if activation != "relu":
        return layers.linear_activation_backward(dA, cache, activation)
    linear_cache, Z = cache
    return layers.linear_backward(dA * (Z >= 0), linear_cache)  # slope 1 at z = 0


def L_model_forward_relu_output(X, parameters, keep_prob=1.0, rng=None):
    _, caches = deep_network.L_model_forward(X, parameters, keep_prob, rng)
    return relu(caches[-1][1]), caches  # the output layer gets the hidden layers' ReLU


def _backward(AL, Y, caches, lambd=0.0, l2=1.0, biases=False, dropout_scale=True):
    grads = deep_network.L_model_backward(AL, Y, caches) if dropout_scale else _backward_unscaled(AL, Y, caches)
    m = AL.shape[1]
    for l in range(1, len(caches) + 1):
        _, W, b = caches[l - 1][0]
        grads[f"dW{l}"] = grads[f"dW{l}"] + l2 * (lambd / m) * W
        if biases:
            grads[f"db{l}"] = grads[f"db{l}"] + (lambd / m) * b
    return grads


def _backward_unscaled(AL, Y, caches, dZL=None, dropout_scale=False):
    L = len(caches)
    grads = {}
    dA_prev, dW, db = layers.linear_backward(AL - Y if dZL is None else dZL, caches[-1][0])
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):
        dA = grads[f"dA{l}"]
        if len(caches[l - 1]) == 3:
            D, keep_prob = caches[l - 1][2]
            dA = dA * D / (keep_prob if dropout_scale else 1.0)  # without dropout_scale: no division by keep_prob
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = layers.linear_activation_backward(dA, caches[l - 1][:2], "relu")
    return grads


def L_model_backward_from_dAL(AL, Y, caches, lambd=0.0):
    dAL = -(Y / AL - (1 - Y) / (1 - AL))  # 0/0 once AL rounds to exactly 0 or 1
    dZL = activations.sigmoid_backward(dAL, caches[-1][1])
    grads = _backward_unscaled(AL, Y, caches, dZL=dZL, dropout_scale=True)
    m = AL.shape[1]
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * caches[l - 1][0][1]
    return grads


def L_model_backward_half_l2(AL, Y, caches, lambd=0.0):
    return _backward(AL, Y, caches, lambd, l2=0.5)  # (lambd / 2m) W


def L_model_backward_l2_on_biases(AL, Y, caches, lambd=0.0):
    return _backward(AL, Y, caches, lambd, biases=True)


def L_model_backward_dropout_unscaled(AL, Y, caches, lambd=0.0):
    return _backward(AL, Y, caches, lambd, dropout_scale=False)


# ---------------------------------------------------------------- regularization


def _penalty(parameters, norm):
    L = len(parameters) // 2
    return sum(norm(parameters[f"W{l}"]) for l in range(1, L + 1))


def l2_cost_lambda_over_m(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return deep_network.compute_cost(AL, Y) + lambd / m * _penalty(parameters, lambda W: np.sum(W**2))


def l2_cost_with_biases(AL, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(v**2) for v in parameters.values())  # biases too
    return deep_network.compute_cost(AL, Y) + lambd / (2 * m) * squares


def l2_cost_unsquared(AL, Y, parameters, lambd):
    m = Y.shape[1]
    return deep_network.compute_cost(AL, Y) + lambd / (2 * m) * _penalty(parameters, np.linalg.norm)


def dropout_forward_unscaled(A, keep_prob, rng):
    D = rng.random(A.shape) < keep_prob
    return A * D, D  # no division by keep_prob


def dropout_forward_drop_prob(A, keep_prob, rng):
    D = rng.random(A.shape) < 1 - keep_prob  # keeps with the probability of dropping
    return A * D / keep_prob, D


def dropout_backward_unscaled(dA, D, keep_prob):
    return dA * D


# ---------------------------------------------------------------- gradient checking


def gradient_approximation_float32(parameters, X, Y, epsilon=1e-7, lambd=0.0):
    theta, layout = gradient_check.dictionary_to_vector(parameters)
    theta = theta.astype(np.float32)  # float32 cannot hold theta + 1e-7
    approx = np.zeros(theta.shape)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += np.float32(epsilon)
        minus[i] -= np.float32(epsilon)
        J_plus = gradient_check._cost(plus.astype(float), layout, X, Y, lambd)
        J_minus = gradient_check._cost(minus.astype(float), layout, X, Y, lambd)
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return approx


def gradient_check_absolute(parameters, gradients, X, Y, epsilon=1e-7, lambd=0.0, print_msg=False):
    _, layout = gradient_check.dictionary_to_vector(parameters)
    grad = gradient_check.gradients_to_vector(gradients, layout)
    approx = gradient_check.gradient_approximation(parameters, X, Y, epsilon, lambd)
    return float(np.linalg.norm(grad - approx))  # the distance, not divided by the lengths


# ---------------------------------------------------------------- optimization


def random_mini_batches_drop_last(X, Y, mini_batch_size=64, *, rng):
    permutation = rng.permutation(X.shape[1])
    X, Y = X[:, permutation], Y[:, permutation]
    return [(X[:, t * mini_batch_size:(t + 1) * mini_batch_size], Y[:, t * mini_batch_size:(t + 1) * mini_batch_size])
            for t in range(X.shape[1] // mini_batch_size)]  # the partial last batch is lost


def rmsprop_epsilon_inside(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    new_parameters, new_s = {}, {}
    for name, value in parameters.items():
        d = "d" + name
        new_s[d] = beta * s[d] + (1 - beta) * grads[d] ** 2
        new_parameters[name] = value - learning_rate * grads[d] / np.sqrt(new_s[d] + epsilon)
    return new_parameters, new_s


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, correct_v=True, correct_s=True, inside=False):
    new_parameters, new_v, new_s = {}, {}, {}
    for name, value in parameters.items():
        d = "d" + name
        new_v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        new_s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
        v_hat = new_v[d] / (1 - beta1**t) if correct_v else new_v[d]
        s_hat = new_s[d] / (1 - beta2**t) if correct_s else new_s[d]
        denominator = np.sqrt(s_hat + epsilon) if inside else np.sqrt(s_hat) + epsilon
        new_parameters[name] = value - learning_rate * v_hat / denominator
    return new_parameters, new_v, new_s


def adam_uncorrected_s(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, correct_s=False)


def adam_uncorrected_v(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, correct_v=False)


def adam_epsilon_inside(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, inside=True)


def update_lr_exponential(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * decay_rate**epoch_num  # exponential, where inverse-time decay is meant


def schedule_lr_decay_without_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))  # no ⌊·⌋: it decays every epoch


def exponential_decay_inverse_time(learning_rate0, epoch_num, base=0.95):
    return learning_rate0 / (1 + base * epoch_num)  # inverse-time decay, where exponential is meant


# ---------------------------------------------------------------- beyond the graded functions


def relu_backward_slope_1_at_0(dA, Z):
    return dA * (Z >= 0)  # "1 if z >= 0"


def tanh_backward_slope_of_z(dA, Z):
    return dA * (1 - Z**2)  # 1 - z², not 1 - tanh(z)²


def computation_graph_backward_course_numbers(cache, dJ=1.0):
    dv = 3.0 * dJ
    return {"dv": dv, "du": dv, "da": dv, "db": dv * 2.0, "dc": dv * 3.0}  # du/db = 2, du/dc = 3 at every point


def _diagnosis(avoidable_bias, variance, threshold=0.02):
    high_bias, high_variance = avoidable_bias > threshold, variance > threshold
    verdict = {(True, True): "high bias and high variance", (True, False): "high bias",
               (False, True): "high variance", (False, False): "neither"}[(high_bias, high_variance)]
    return {"avoidable_bias": avoidable_bias, "variance": variance, "high_bias": high_bias,
            "high_variance": high_variance, "verdict": verdict}


def diagnose_without_bayes(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    return _diagnosis(train_error, dev_error - train_error, threshold)  # bias measured from 0, not from Bayes


def diagnose_variance_from_bayes(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    return _diagnosis(train_error - bayes_error, dev_error - bayes_error, threshold)  # dev − Bayes, not dev − train


def normalization_stats_second_moment(X):
    mu = np.mean(X, axis=1, keepdims=True)
    return mu, np.sqrt(np.mean(X**2, axis=1, keepdims=True))  # the mean is not subtracted first


def normalization_stats_variance(X):
    mu = np.mean(X, axis=1, keepdims=True)
    return mu, np.mean((X - mu) ** 2, axis=1, keepdims=True)  # σ², where σ is meant


def normalize_by_variance(X, mu, sigma):
    return (X - mu) / sigma**2


def normalize_with_own_statistics(X, mu, sigma):
    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)  # ignores the training set's mu, sigma


def batchnorm_forward_epsilon_outside(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / (np.sqrt(var) + epsilon)  # ε outside the square root
    return gamma * Z_norm + beta, {}


def batchnorm_forward_over_units(Z, gamma, beta, epsilon=1e-8):
    mu = np.mean(Z, axis=0, keepdims=True)  # over the units of each example, not over the examples
    var = np.mean((Z - mu) ** 2, axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + epsilon) + beta, {}


def batchnorm_backward_without_mean_and_variance(dZ_tilde, cache):
    _, dgamma, dbeta = batch_norm.batchnorm_backward(dZ_tilde, cache)
    return cache["gamma"] * dZ_tilde / np.sqrt(cache["var"] + cache["epsilon"]), dgamma, dbeta  # μ and σ² held constant


def batchnorm_backward_without_variance(dZ_tilde, cache):
    _, dgamma, dbeta = batch_norm.batchnorm_backward(dZ_tilde, cache)
    dZ_norm = cache["gamma"] * dZ_tilde
    m = dZ_tilde.shape[1]
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True)) / (m * np.sqrt(cache["var"] + cache["epsilon"]))
    return dZ, dgamma, dbeta  # the path through the variance is missing


def softmax_without_shift(Z):
    t = np.exp(Z)  # overflows for large logits
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_global_max(Z):
    t = np.exp(Z - np.max(Z))  # one max for all columns: a column far below it underflows to 0 / 0
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_over_rows(Z):
    t = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return t / np.sum(t, axis=1, keepdims=True)  # each class normalized over the examples


def cross_entropy_log_of_zero(AL, Y):
    return float(-np.sum(Y * np.log(AL)) / Y.shape[1])  # 0 · log(0) = nan


def softmax_backward_over_m(AL, Y):
    return (AL - Y) / Y.shape[1]  # the 1/m belongs to dW and db, not to dZ


# ---------------------------------------------------------------- the Python-basics exercise (rows)


def image2vector_channels_first(image):
    return image.transpose(2, 0, 1).reshape(-1, 1)  # channels moved first: every pixel's colours scattered


def image2vector_fortran_order(image):
    return image.T.reshape(-1, 1)  # the transpose reverses the axes: the first axis then varies fastest


def normalizeRows_squared_norm(x):
    return x / np.sum(x * x, axis=1, keepdims=True)  # ‖x_i‖², not ‖x_i‖


def normalizeRows_without_keepdims(x):
    return x / np.linalg.norm(x, axis=1)  # (n,) against (n, d): lines up with the columns, not the rows


def normalizeRows_by_columns(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)  # the length of each column


def softmax_rows_without_shift(x):
    x_exp = np.exp(x)  # overflows for large scores
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def softmax_rows_global_max(x):
    x_exp = np.exp(x - np.max(x))  # a row far below the largest score underflows to 0 / 0
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def softmax_rows_over_columns(x):
    x_exp = np.exp(x - np.max(x, axis=0, keepdims=True))
    return x_exp / np.sum(x_exp, axis=0, keepdims=True)  # each column sums to 1


def L1_without_abs(yhat, y):
    return float(np.sum(y - yhat))  # positive and negative errors cancel


def L2_square_root(yhat, y):
    return float(np.sqrt(np.sum((y - yhat) ** 2)))  # the Euclidean distance ‖y − ŷ‖, not its square


# ---------------------------------------------------------------- the one-dimensional gradient check


def backward_propagation_1d_theta(x, theta):
    return float(theta)  # dJ/dx, not dJ/dθ


def _two_sided_parts(x, theta, epsilon):
    J_plus, J_minus = (theta + epsilon) * x, (theta - epsilon) * x
    return np.float64(x), (J_plus - J_minus) / (2 * epsilon)


def gradient_check_1d_absolute(x, theta, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _two_sided_parts(x, theta, epsilon)
    return float(np.linalg.norm(grad - gradapprox))  # not divided by ‖grad‖ + ‖gradapprox‖


def gradient_check_1d_zero_over_zero(x, theta, epsilon=1e-7, print_msg=False):
    grad, gradapprox = _two_sided_parts(x, theta, epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator  # 0 / 0 = nan when x = 0


# ---------------------------------------------------------------- the registry

_NAIVE_LOG = ("computes the log loss from a = σ(z): once a rounds to exactly 0 or 1, log(0) makes the cost inf or nan",
              LOG_LOSS, "1.2.2, 1.2.5")
_NAIVE_LOG_A = (_NAIVE_LOG[0], "clip a to [ε, 1 − ε] before the logs of −(1/m) Σ [y log a + (1 − y) log(1 − a)]", "1.2.2, 1.2.5")
_COST_ARRAY = ("returns the cost as a (1, 1) array: the course's cost is a float (use float(np.squeeze(cost)))",
               "cost = float(−(1/m) Σ_i [y log a + (1 − y) log(1 − a)])", None)
_HE_SCALE = ("multiplies the draws by the variance 2/n[l−1] instead of the standard deviation √(2/n[l−1])",
             "W[l] = randn(n[l], n[l−1]) · √(2/n[l−1])", "2.1.3.3")
_SMALL = ("scales the weights by 0.01, which makes a deep ReLU network's activations vanish layer by layer",
          "He initialization, W[l] = randn(n[l], n[l−1]) · √(2/n[l−1])", None)
_RANK1_B = ("gives the biases shape (n[l],), a rank-1 array that broadcasts silently, instead of (n[l], 1)",
            "b[l] = np.zeros((n[l], 1))", None)


def _m(id: str, wrong: object, text: tuple[str, str, str | None]) -> Mistake:
    return Mistake(id, wrong, *text)  # type: ignore[arg-type]


MISTAKES: dict[str, list[Mistake]] = {
    "image2vector": [
        _m("channels_first", image2vector_channels_first, (
            "moves the channels to the front before unrolling (transpose(2, 0, 1)): each pixel's colours end up far apart",
            "v = image.reshape(length · height · depth, 1), the last axis varying fastest", None)),
        _m("fortran_order", image2vector_fortran_order, (
            "unrolls the transposed image (image.T): the first axis varies fastest, so pixels and channels are scrambled",
            "v = image.reshape(length · height · depth, 1), the last axis varying fastest", None)),
    ],
    "normalizeRows": [
        _m("squared_norm", normalizeRows_squared_norm, (
            "divides each row by its squared length Σ_j x_ij²: the rows then have length 1/‖x_i‖, not 1",
            "x_i := x_i / ‖x_i‖, ‖x_i‖ = √(Σ_j x_ij²)", None)),
        _m("no_keepdims", normalizeRows_without_keepdims, (
            "divides by the norms as a rank-1 array (n,) (no keepdims=True): broadcasting lines them up with the columns",
            "x / np.linalg.norm(x, axis=1, keepdims=True), the lengths as an (n, 1) column", None)),
        _m("by_columns", normalizeRows_by_columns, (
            "divides by the length of each column (axis=0): each row, one vector, must get length 1",
            "x_i := x_i / ‖x_i‖, the norm along axis=1", None)),
    ],
    "python_basics_softmax": [
        _m("no_shift", softmax_rows_without_shift, (
            "exponentiates the scores as they are: exp overflows for large x", "s = exp(x − max of each row) / Σ over the row", None)),
        _m("global_max", softmax_rows_global_max, (
            "subtracts the global max: a row far below it underflows to 0 / 0", "s = exp(x − max of each row) / Σ over the row",
            None)),
        _m("over_columns", softmax_rows_over_columns, (
            "normalizes over the columns (axis 0): in the exercise each row sums to 1 (the column-wise softmax is Course 2's layer)",
            "s_ij = e^(x_ij) / Σ_k e^(x_ik), sums along axis=1", None)),
    ],
    "L1": [_m("no_abs", L1_without_abs, (
        "sums the signed differences y − ŷ: errors of opposite signs cancel", "L1 = Σ_i |y⁽ⁱ⁾ − ŷ⁽ⁱ⁾|", None))],
    "L2": [_m("square_root", L2_square_root, (
        "takes the square root of the sum of squares (the distance ‖y − ŷ‖): the L2 loss is the sum of squares itself",
        "L2 = Σ_i (y⁽ⁱ⁾ − ŷ⁽ⁱ⁾)²", None))],
    "gradient_check_1d_backward_propagation": [_m("dtheta_is_theta", backward_propagation_1d_theta, (
        "returns θ, the derivative of θx with respect to x: the derivative with respect to θ is x", "dθ = dJ/dθ = x", None))],
    "gradient_check": [
        _m("absolute", gradient_check_1d_absolute, (
            "returns the distance |dθ − dθ_approx| without dividing it by |dθ| + |dθ_approx|: for a large x it looks like a bug",
            "difference = |dθ − dθ_approx| / (|dθ| + |dθ_approx|)", "2.1.3.3")),
        _m("zero_over_zero", gradient_check_1d_zero_over_zero, (
            "divides 0 by 0 when both derivatives are 0 (x = 0): the difference is nan, which a threshold test reads as a pass",
            "difference = 0 when |dθ| + |dθ_approx| = 0", "2.1.3.3")),
    ],
    "sigmoid": [_m("exp_overflow", sigmoid_naive, (
        "computes 1 / (1 + exp(−z)) as it stands: exp(−z) overflows, with a RuntimeWarning, for large negative z",
        "a stable form: exp(z) / (1 + exp(z)) where z < 0, 1 / (1 + exp(−z)) where z ≥ 0", None))],
    "sigmoid_backward": [
        _m("exp_overflow", sigmoid_backward_naive, (
            "computes σ(z) as 1 / (1 + exp(−z)): exp(−z) overflows, with a RuntimeWarning, for large negative z",
            "dZ = dA · σ(z)(1 − σ(z)) with a stable σ", None)),
        _m("slope_of_z", sigmoid_backward_on_A, (
            "applies the slope a(1 − a) to z itself: it takes Z for the activation A = σ(Z)",
            "dZ = dA · σ(Z)(1 − σ(Z))", None)),
    ],
    "initialize_with_zeros": [
        _m("rank1_w", initialize_with_zeros_rank1, (
            "returns w as a rank-1 array of shape (dim,): w.T @ X then has the wrong shape", "w = np.zeros((dim, 1))", None)),
        _m("int_b", initialize_with_zeros_int_b, ("returns b = 0, an int: the course's b is the float 0.0", "b = 0.0", None)),
    ],
    "logistic_loss": [
        _m("log_of_a", logistic_loss_from_a, _NAIVE_LOG),
        _m("swapped", logistic_loss_swapped, (
            "computes L(y, ŷ): the label and the prediction trade places, so it takes the log of the labels",
            "L(ŷ, y) = −[y log ŷ + (1 − y) log(1 − ŷ)]", "1.2.2, 1.2.3")),
    ],
    "logistic_cost": [_m("log_of_a", logistic_cost_from_a, _NAIVE_LOG)],
    "propagate": [
        _m("log_of_a", propagate_cost_from_a, _NAIVE_LOG),
        _m("dw_without_1_over_m", propagate_dw_without_1_over_m, (
            "computes dw = X (A − Y)ᵀ without the 1/m of the cost", "dw = (1/m) X (A − Y)ᵀ", None)),
    ],
    "propagate_loop": [_m("log_of_a", propagate_cost_from_a, _NAIVE_LOG)],
    "logistic_regression_predict": [_m("tie_is_one", predict_tie_is_one, (
        "predicts 1 where σ(z) is exactly 0.5: the course predicts 1 only when a > 0.5", "ŷ = 1 if a > 0.5 else 0", None))],
    "layer_sizes": [_m("n_x_from_columns", layer_sizes_from_columns, (
        "reads n_x from the columns of X: they are the m examples; the rows are the features",
        "n_x = X.shape[0], n_y = Y.shape[0]", "1.3.1"))],
    "initialize_parameters": [_m("transposed", initialize_parameters_transposed, (
        "draws W1 of shape (n_x, n_h) and W2 of shape (n_h, n_y): each W is the transpose of the right shape",
        "W[l] has shape (n[l], n[l−1]): W1 (n_h, n_x), W2 (n_y, n_h)", "1.3.3"))],
    "shallow_network_backward_propagation": [_m("slope_from_Z1", backward_propagation_slope_from_Z1, (
        "takes tanh's slope as 1 − Z1²: the slope is 1 − tanh(z)², that is 1 − A1²",
        "dZ1 = W2ᵀ dZ2 ⊙ (1 − A1²)", "1.3.3"))],
    "shallow_network_compute_cost": [_m("log_of_a", cost_from_a, _NAIVE_LOG_A), _m("array", cost_as_array, _COST_ARRAY)],
    "deep_network_compute_cost": [_m("log_of_a", cost_from_a, _NAIVE_LOG_A), _m("array", cost_as_array, _COST_ARRAY)],
    "initialize_parameters_deep": [_m("variance_as_scale", init_variance_as_scale, _HE_SCALE),
                                   _m("times_0.01", init_times_001, _SMALL), _m("rank1_b", init_rank1_biases, _RANK1_B)],
    "L_model_forward": [_m("relu_output", L_model_forward_relu_output, (
        "applies ReLU to the output layer too: the last layer's activation is the sigmoid, ŷ = σ(Z[L])",
        "A[L] = σ(Z[L]); ReLU only for the layers 1 … L−1", "1.4.2"))],
    "linear_backward": [
        _m("dW_without_1_over_m", linear_backward_without_1_over_m, (
            "dW is m times the right value: the 1/m of the cost is missing", "dW = (1/m) dZ A_prevᵀ", None)),
        _m("dW_transposed", linear_backward_transposed, (
            "computes dW as A_prev dZᵀ, the transpose, of shape (n[l−1], n[l])", "dW = (1/m) dZ A_prevᵀ, shape (n[l], n[l−1])",
            "1.4.3")),
        _m("db_axis_0", linear_backward_db_axis0, (
            "sums dZ over axis 0, the units, instead of axis 1, the examples", "db = (1/m) np.sum(dZ, axis=1, keepdims=True)", None)),
        _m("db_rank1", linear_backward_db_rank1, (
            "sums dZ without keepdims=True: db is a rank-1 array of shape (n[l],)",
            "db = (1/m) np.sum(dZ, axis=1, keepdims=True), shape (n[l], 1)", None)),
    ],
    "linear_activation_backward": [_m("relu_slope_at_0", linear_activation_backward_relu_at_0, (
        "gives ReLU the slope 1 at z = 0 (Z >= 0): the course, and dlref, use 0 there",
        "dZ = dA ⊙ (Z > 0)", "1.3.3"))],
    "L_model_backward": [
        _m("from_dAL", L_model_backward_from_dAL, (
            "starts from dA[L] = −(Y/A[L] − (1 − Y)/(1 − A[L])), which divides by 0 once A[L] rounds to exactly 0 or 1",
            "dZ[L] = A[L] − Y directly: the same value, with no division", None)),
        _m("l2_half", L_model_backward_half_l2, (
            "adds (λ/2m) W[l] to dW[l]: the derivative of (λ/2m) ‖W‖² is (λ/m) W, the 2 cancels", "dW[l] += (λ/m) W[l]", None)),
        _m("l2_on_biases", L_model_backward_l2_on_biases, (
            "adds (λ/m) b[l] to db[l]: the biases are not regularized", "only dW[l] += (λ/m) W[l]; db[l] unchanged", "2.1.3.2")),
        _m("dropout_unscaled", L_model_backward_dropout_unscaled, (
            "applies the dropout mask in the backward pass but does not divide by keep_prob, as the forward pass did",
            "dA[l] = dA[l] ⊙ D[l] / keep_prob", "2.1.3.2")),
    ],
    "initialize_parameters_zeros": [_m("rank1_b", zeros_rank1_biases, _RANK1_B)],
    "initialize_parameters_he": [_m("variance_as_scale", init_variance_as_scale, _HE_SCALE),
                                 _m("times_0.01", init_times_001, _SMALL),
                                 _m("xavier", init_xavier_scale, (
                                     "scales by √(1/n[l−1]), Xavier's: He's variance for ReLU is 2/n[l−1]",
                                     "W[l] = randn(n[l], n[l−1]) · √(2/n[l−1])", None))],
    "initialize_parameters_xavier": [
        _m("he", init_he_scale, ("scales by √(2/n[l−1]), He's: Xavier's variance is 1/n[l−1]",
                                 "W[l] = randn(n[l], n[l−1]) · √(1/n[l−1])", None)),
        _m("variance_as_scale", init_xavier_variance_as_scale, (
            "multiplies the draws by the variance 1/n[l−1] instead of the standard deviation √(1/n[l−1])",
            "W[l] = randn(n[l], n[l−1]) · √(1/n[l−1])", "2.1.3.3")),
    ],
    "compute_cost_with_regularization": [
        _m("lambda_over_m", l2_cost_lambda_over_m, (
            "adds (λ/m) Σ ‖W[l]‖²: the penalty is (λ/2m) Σ ‖W[l]‖², half of that", "J + (λ/2m) Σ_l ‖W[l]‖²_F", None)),
        _m("biases", l2_cost_with_biases, (
            "adds the biases' squares to the penalty: only the weights are regularized", "J + (λ/2m) Σ_l ‖W[l]‖²_F", None)),
        _m("unsquared", l2_cost_unsquared, (
            "adds the norms ‖W[l]‖_F, not their squares", "J + (λ/2m) Σ_l ‖W[l]‖²_F, the squared Frobenius norms", "2.1.3.2")),
    ],
    "dropout_forward": [
        _m("unscaled", dropout_forward_unscaled, (
            "does not divide the kept activations by keep_prob, so their expected value shrinks",
            "A = A ⊙ D / keep_prob (inverted dropout)", None)),
        _m("drop_prob", dropout_forward_drop_prob, (
            "keeps each unit with probability 1 − keep_prob: keep_prob is the probability of keeping it",
            "D = rng.random(A.shape) < keep_prob", "2.1.3.2")),
    ],
    "dropout_backward": [_m("unscaled", dropout_backward_unscaled, (
        "applies the mask but does not divide by keep_prob, as the forward pass did",
        "dA = dA ⊙ D / keep_prob", "2.1.3.2"))],
    "gradient_approximation": [_m("float32", gradient_approximation_float32, (
        "works in float32: θ ± 1e-7 rounds away the ε, so the differences are mostly rounding",
        "everything in float64, J(θ + ε) − J(θ − ε) over 2ε", None))],
    "gradient_check_n": [_m("absolute", gradient_check_absolute, (
        "returns the distance ‖grad − gradapprox‖ without dividing it by the two lengths",
        "difference = ‖grad − gradapprox‖ / (‖grad‖ + ‖gradapprox‖)", "2.1.3.3"))],
    "random_mini_batches": [_m("drop_last", random_mini_batches_drop_last, (
        "drops the last, partial mini-batch: its examples are never trained on",
        "⌈m / mini_batch_size⌉ batches, the last one smaller", None))],
    "update_parameters_with_rmsprop": [_m("epsilon_inside", rmsprop_epsilon_inside, (
        "puts ε inside the square root", "W = W − α dW / (√s + ε)", None))],
    "update_parameters_with_adam": [
        _m("uncorrected_s", adam_uncorrected_s, (
            "divides by √s, the uncorrected second moment", "W = W − α v̂ / (√ŝ + ε), ŝ = s / (1 − β2ᵗ)", None)),
        _m("uncorrected_v", adam_uncorrected_v, (
            "bias-corrects s but not v", "v̂ = v / (1 − β1ᵗ) and ŝ = s / (1 − β2ᵗ), both", None)),
        _m("epsilon_inside", adam_epsilon_inside, (
            "puts ε inside the square root", "W = W − α v̂ / (√ŝ + ε)", None)),
    ],
    "update_lr": [_m("exponential", update_lr_exponential, (
        "decays exponentially, α₀ · decay_rate^epoch: update_lr is inverse-time decay",
        "α = α₀ / (1 + decay_rate · epoch_num)", None))],
    "schedule_lr_decay": [_m("no_floor", schedule_lr_decay_without_floor, (
        "decays at every epoch: the schedule lowers α only once every time_interval epochs",
        "α = α₀ / (1 + decay_rate · ⌊epoch_num / time_interval⌋)", None))],
    "exponential_decay": [_m("inverse_time", exponential_decay_inverse_time, (
        "computes inverse-time decay, α₀ / (1 + base · epoch): exponential decay is α₀ · base^epoch",
        "α = α₀ · base^epoch_num", None))],
    "relu_backward": [_m("slope_1_at_0", relu_backward_slope_1_at_0, (
        "gives ReLU the slope 1 at z = 0 (Z >= 0): the course, and dlref, use 0 there", "dZ = dA ⊙ (Z > 0)", "1.3.3"))],
    "tanh_backward": [_m("slope_of_z", tanh_backward_slope_of_z, (
        "takes tanh's slope as 1 − z²: the slope is 1 − tanh(z)²", "dZ = dA ⊙ (1 − tanh(Z)²)", "1.3.3"))],
    "computation_graph_backward": [_m("course_numbers", computation_graph_backward_course_numbers, (
        "uses du/db = 2 and du/dc = 3 at every point: they are c and b, which are 2 and 3 only at the course's point",
        "du/db = c, du/dc = b", "1.2.4"))],
    "diagnose_bias_variance": [
        _m("bias_without_bayes", diagnose_without_bayes, (
            "measures the bias as the training error itself: the avoidable bias is the gap above the Bayes error",
            "avoidable bias = train − Bayes, variance = dev − train", "2.1.2")),
        _m("variance_from_bayes", diagnose_variance_from_bayes, (
            "measures the variance from the Bayes error: it is the gap between the dev and the training error",
            "avoidable bias = train − Bayes, variance = dev − train", "2.1.2")),
    ],
    "normalization_stats": [
        _m("second_moment", normalization_stats_second_moment, (
            "computes σ from the raw squares, (1/m) Σ x², without subtracting the mean first",
            "σ² = (1/m) Σ_i (x⁽ⁱ⁾ − μ)²", "2.1.3.3")),
        _m("variance", normalization_stats_variance, (
            "returns the variance σ² where the standard deviation σ is meant", "σ = √((1/m) Σ_i (x⁽ⁱ⁾ − μ)²)", "2.1.3.3")),
    ],
    "normalize": [
        _m("by_variance", normalize_by_variance, (
            "divides by σ²: the features then have deviation 1/σ, not 1", "x := (x − μ) / σ", "2.1.3.3")),
        _m("own_statistics", normalize_with_own_statistics, (
            "normalizes X with its own mean and deviation: the dev and test sets must reuse the training set's μ and σ",
            "x := (x − μ_train) / σ_train", "2.1.3.3")),
    ],
    "batchnorm_forward": [
        _m("epsilon_outside", batchnorm_forward_epsilon_outside, (
            "adds ε outside the square root", "Z_norm = (Z − μ) / √(σ² + ε)", None)),
        _m("over_units", batchnorm_forward_over_units, (
            "takes the mean and variance over the units (axis 0) instead of over the examples of the mini-batch (axis 1)",
            "μ = (1/m) Σ_i z⁽ⁱ⁾ per unit, over the examples", None)),
    ],
    "batchnorm_backward": [
        _m("no_mean_no_variance", batchnorm_backward_without_mean_and_variance, (
            "treats μ and σ² as constants: the gradient also flows through the mean and the variance",
            "dZ = (m dZ_norm − Σ dZ_norm − Z_norm Σ (dZ_norm ⊙ Z_norm)) / (m √(σ² + ε))", None)),
        _m("no_variance", batchnorm_backward_without_variance, (
            "leaves out the path through the variance", "dZ = (m dZ_norm − Σ dZ_norm − Z_norm Σ (dZ_norm ⊙ Z_norm)) / (m √(σ² + ε))",
            None)),
    ],
    "softmax_softmax": [
        _m("no_shift", softmax_without_shift, (
            "exponentiates the logits as they are: exp overflows for large z", "t = exp(Z − max over each column)", None)),
        _m("global_max", softmax_global_max, (
            "subtracts the global max: a column far below it underflows to 0 / 0", "t = exp(Z − max over each column)", None)),
        _m("over_rows", softmax_over_rows, (
            "normalizes over the rows (axis 1): each column, one example, must sum to 1", "A = t / Σ_classes t, axis 0", None)),
    ],
    "cross_entropy_cost": [_m("log_of_zero", cross_entropy_log_of_zero, (
        "takes log(0) where a predicted probability is exactly 0: 0 · log(0) makes the cost nan",
        "−(1/m) Σ y log(max(a, tiny))", None))],
    "softmax_cross_entropy_backward": [_m("over_m", softmax_backward_over_m, (
        "divides dZ by m: the 1/m is applied once, in dW and db", "dZ = A − Y", None))],
}

# Each later course's checks live in a file of their own.
from dlref.check._mistakes_course4 import MISTAKES as _COURSE4  # noqa: E402

MISTAKES.update(_COURSE4)

from dlref.check._mistakes_course5 import MISTAKES as _COURSE_5  # noqa: E402

MISTAKES.update(_COURSE_5)
