"""The benchmark cases: for each, a dlref side and a PyTorch side that compute the same thing.

Each ``make_<side>_<case>(variant)`` builds its inputs once and returns a function of no
arguments that runs one call; `worker.py` times it. Both sides start from the same NumPy data
and the same initial weights, in float64.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

DENSE_DIMS = [784, 256, 128, 10]  # an MNIST-sized network: ReLU hidden layers, softmax output
BATCH = 256
LEARNING_RATE = 0.01
DIGITS_EPOCHS = 60  # the training page's example
DIGITS_OPTIONS = {"optimizer": "adam", "learning_rate": 0.001, "mini_batch_size": 64, "num_epochs": DIGITS_EPOCHS}
VECTORIZATION_SIZES = [(20, 1_000), (20, 10_000), (100, 10_000)]

Call = Callable[[], object]


def dense_problem():
    """Parameters, inputs (n_x, m), one-hot labels (C, m) and the label indices, from one seed."""
    from dlref.deep_network import initialize_parameters_deep

    rng = np.random.default_rng(0)
    parameters = initialize_parameters_deep(DENSE_DIMS, rng)
    X = rng.random((DENSE_DIMS[0], BATCH))  # pixel-like values in [0, 1)
    labels = rng.integers(0, DENSE_DIMS[-1], BATCH)
    Y = np.eye(DENSE_DIMS[-1])[:, labels]
    return parameters, X, Y, labels


def dense_gradients(parameters, X, Y):
    from dlref.deep_network import L_model_backward, L_model_forward

    AL, caches = L_model_forward(X, parameters)
    return L_model_backward(AL, Y, caches, compute_dA0=False)


def digits_problem():
    """The training page's split of scikit-learn's digits: (64, m) inputs, one-hot labels."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    from dlref.softmax import convert_to_one_hot

    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    return x_train.T, convert_to_one_hot(y_train.reshape(1, -1), 10), x_test.T, y_test


# --- dlref ----------------------------------------------------------------------------------


def make_dlref_sgd(variant: str) -> Call:
    from dlref.deep_network import L_model_backward, L_model_forward, compute_cost, update_parameters

    parameters, X, Y, _ = dense_problem()
    state = {"parameters": parameters}
    compute_dA0 = variant == "course"  # "course": the assignment's default, dA0 included

    def step():
        AL, caches = L_model_forward(X, state["parameters"])
        compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches, compute_dA0=compute_dA0)
        state["parameters"] = update_parameters(state["parameters"], grads, LEARNING_RATE)

    if variant == "floor":
        return matmul_floor(parameters, X)
    return step


def matmul_floor(parameters, X) -> Call:
    """The eight matrix products of one step, into preallocated arrays: no step can beat them."""
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    Z1, Z2, Z3 = W1 @ X, W2 @ np.maximum(W1 @ X, 0), np.empty((W3.shape[0], X.shape[1]))
    A1, A2 = np.maximum(Z1, 0), np.maximum(Z2, 0)
    dZ3, dZ2, dZ1 = Z3.copy(), Z2.copy(), Z1.copy()
    out = {k: np.empty_like(v) for k, v in parameters.items() if k[0] == "W"}
    dA2, dA1 = np.empty_like(A2), np.empty_like(A1)

    def products():
        np.matmul(W1, X, out=Z1)
        np.matmul(W2, A1, out=Z2)
        np.matmul(W3, A2, out=Z3)
        np.matmul(dZ3, A2.T, out=out["W3"])
        np.matmul(W3.T, dZ3, out=dA2)
        np.matmul(dZ2, A1.T, out=out["W2"])
        np.matmul(W2.T, dZ2, out=dA1)
        np.matmul(dZ1, X.T, out=out["W1"])

    return products


def make_dlref_adam(variant: str) -> Call:
    from dlref.optimizers import initialize_adam, update_parameters_with_adam

    parameters, X, Y, _ = dense_problem()
    grads = dense_gradients(parameters, X, Y)
    v, s = initialize_adam(parameters)
    state = {"parameters": parameters, "v": v, "s": s, "t": 0}
    update = update_parameters_with_adam if variant == "dlref" else adam_one_operator_at_a_time

    def step():
        state["t"] += 1
        state["parameters"], state["v"], state["s"] = update(
            state["parameters"], grads, state["v"], state["s"], state["t"], LEARNING_RATE
        )

    return step


def adam_one_operator_at_a_time(parameters, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam as dlref computed it before this benchmark: one new temporary per operator."""
    new_parameters, new_v, new_s = {}, {}, {}
    for name, value in parameters.items():
        d = "d" + name
        new_v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        new_s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
        step = (new_v[d] / (1 - beta1**t)) / (np.sqrt(new_s[d] / (1 - beta2**t)) + epsilon)
        new_parameters[name] = value - learning_rate * step
    return new_parameters, new_v, new_s


def make_dlref_digits(variant: str) -> Call:
    from dlref.deep_network import predict
    from dlref.training import model

    X_train, Y_train, X_test, y_test = digits_problem()

    def train():
        parameters, _ = model(X_train, Y_train, [64, 32, 10], **DIGITS_OPTIONS)
        return {"accuracy": float(np.mean(predict(parameters, X_test) == y_test.reshape(1, -1)))}

    return train


def make_dlref_vectorization(variant: str) -> Call:
    from dlref.logistic_regression import propagate, propagate_loop

    kind, size = variant.split(":")  # "loop:20x1000" or "vectorized:20x1000"
    n_x, m = (int(x) for x in size.split("x"))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    w, b = rng.standard_normal((n_x, 1)), 0.1
    function = propagate_loop if kind == "loop" else propagate
    return lambda: function(w, b, X, Y)


# --- PyTorch --------------------------------------------------------------------------------


def torch_parameters(parameters):
    import torch

    L = len(parameters) // 2
    return [
        torch.from_numpy(parameters[f"{p}{l}"].reshape(-1) if p == "b" else parameters[f"{p}{l}"]).clone().requires_grad_()
        for l in range(1, L + 1)
        for p in "Wb"
    ]


def torch_forward(tensors, x):
    import torch
    import torch.nn.functional as F

    A = x
    for l in range(0, len(tensors) - 2, 2):
        A = torch.relu(F.linear(A, tensors[l], tensors[l + 1]))
    return F.linear(A, tensors[-2], tensors[-1])  # logits; the softmax is in the loss


def make_torch_sgd(variant: str) -> Call:
    import torch
    import torch.nn.functional as F

    parameters, X, _, labels = dense_problem()
    tensors = torch_parameters(parameters)
    x, y = torch.from_numpy(X.T.copy()), torch.from_numpy(labels)  # torch keeps examples in rows
    optimizer = torch.optim.SGD(tensors, lr=LEARNING_RATE)

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(torch_forward(tensors, x), y)
        loss.backward()
        optimizer.step()

    return step


def make_torch_adam(variant: str) -> Call:
    import torch

    parameters, X, Y, _ = dense_problem()
    grads = dense_gradients(parameters, X, Y)
    tensors = torch_parameters(parameters)
    for tensor, key in zip(tensors, parameters):  # W1, b1, W2, ...: the dicts' order
        tensor.grad = torch.from_numpy(grads["d" + key].reshape(tensor.shape).copy())
    optimizer = torch.optim.Adam(tensors, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    return optimizer.step


def make_torch_digits(variant: str) -> Call:
    import torch
    import torch.nn.functional as F

    from dlref.deep_network import initialize_parameters_deep

    X_train, Y_train, X_test, y_test = digits_problem()
    x, y = torch.from_numpy(X_train.T.copy()), torch.from_numpy(Y_train.argmax(axis=0))
    x_test = torch.from_numpy(X_test.T.copy())
    m, size = x.shape[0], DIGITS_OPTIONS["mini_batch_size"]

    def train():
        rng = np.random.default_rng(0)  # model's default: the same weights, the same shuffles
        tensors = torch_parameters(initialize_parameters_deep([64, 32, 10], rng))
        optimizer = torch.optim.Adam(tensors, lr=DIGITS_OPTIONS["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
        for _ in range(DIGITS_EPOCHS):
            permutation = torch.from_numpy(rng.permutation(m))
            for start in range(0, m, size):
                batch = permutation[start:start + size]
                optimizer.zero_grad()
                loss = F.cross_entropy(torch_forward(tensors, x[batch]), y[batch])
                loss.backward()
                optimizer.step()
        with torch.no_grad():
            predictions = torch_forward(tensors, x_test).argmax(dim=1).numpy()
        return {"accuracy": float(np.mean(predictions == y_test))}

    return train


MAKERS = {
    ("dlref", "sgd"): make_dlref_sgd,
    ("dlref", "adam"): make_dlref_adam,
    ("dlref", "digits"): make_dlref_digits,
    ("dlref", "vectorization"): make_dlref_vectorization,
    ("torch", "sgd"): make_torch_sgd,
    ("torch", "adam"): make_torch_adam,
    ("torch", "digits"): make_torch_digits,
}
