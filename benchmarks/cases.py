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
CONV_SHAPE, CONV_FILTERS, CONV_F = (64, 32, 32, 3), 16, 3  # issue 10: 3x3, 3 -> 16 channels, pad 1, stride 1
POOL_SHAPE, POOL_F = (64, 32, 32, 16), 2  # issue 10: max-pool 2x2, stride 2
LOOP_EXAMPLES = 2  # the loop twins run on this many examples; the driver scales their times per example
LSTM_SIZES = {"T_x": 20, "m": 64, "n_x": 50, "n_a": 64, "n_y": 10}  # issue 11
ATTENTION_SHAPE = (16, 8, 128, 64)  # issue 11: batch, heads, T, d_k

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


def conv_problem():
    """Inputs (m, n_H, n_W, n_C), filters (f, f, n_C_prev, n_C), biases and an upstream gradient, from one seed."""
    rng = np.random.default_rng(0)
    A_prev = rng.standard_normal(CONV_SHAPE)
    W = rng.standard_normal((CONV_F, CONV_F, CONV_SHAPE[-1], CONV_FILTERS)) * 0.1
    b = rng.standard_normal((1, 1, 1, CONV_FILTERS)) * 0.1
    dZ = rng.standard_normal((*CONV_SHAPE[:3], CONV_FILTERS))  # pad 1, stride 1: the same n_H, n_W
    return A_prev, W, b, dZ, {"pad": 1, "stride": 1}


def pool_problem():
    rng = np.random.default_rng(0)
    A_prev = rng.standard_normal(POOL_SHAPE)
    m, n_H, n_W, n_C = POOL_SHAPE
    dA = rng.standard_normal((m, n_H // POOL_F, n_W // POOL_F, n_C))
    return A_prev, dA, {"f": POOL_F, "stride": POOL_F}


def lstm_problem():
    """The course's LSTM parameters (gates stacked on [a_prev; x_t]), inputs (n_x, m, T_x), a0 and da."""
    sizes = LSTM_SIZES
    n_a, n_x, n_y, m, T_x = sizes["n_a"], sizes["n_x"], sizes["n_y"], sizes["m"], sizes["T_x"]
    rng = np.random.default_rng(0)
    parameters = {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) * 0.1 for g in "fico"}
    parameters |= {f"b{g}": rng.standard_normal((n_a, 1)) * 0.1 for g in "fico"}
    parameters |= {"Wy": rng.standard_normal((n_y, n_a)) * 0.1, "by": np.zeros((n_y, 1))}
    x = rng.standard_normal((n_x, m, T_x))
    a0 = rng.standard_normal((n_a, m)) * 0.1
    da = rng.standard_normal((n_a, m, T_x))
    return parameters, x, a0, da


def attention_problem():
    rng = np.random.default_rng(0)
    q, k, v, d_output = (rng.standard_normal(ATTENTION_SHAPE) for _ in range(4))
    return q, k, v, d_output


def make_dlref_conv(variant: str) -> Call:
    from dlref.convolution import conv_backward, conv_backward_loop, conv_forward, conv_forward_loop

    A_prev, W, b, dZ, hparameters = conv_problem()
    if variant == "loop":  # the course's loops: a slice of the batch, scaled per example by the driver
        A_prev, dZ = A_prev[:LOOP_EXAMPLES], dZ[:LOOP_EXAMPLES]
        forward, backward = conv_forward_loop, conv_backward_loop
    else:
        forward, backward = conv_forward, conv_backward

    def step():
        _, cache = forward(A_prev, W, b, hparameters)
        backward(dZ, cache)

    return step


def make_dlref_pool(variant: str) -> Call:
    from dlref.pooling import pool_backward, pool_backward_loop, pool_forward, pool_forward_loop

    A_prev, dA, hparameters = pool_problem()
    if variant == "loop":
        A_prev, dA = A_prev[:LOOP_EXAMPLES], dA[:LOOP_EXAMPLES]
        forward, backward = pool_forward_loop, pool_backward_loop
    else:
        forward, backward = pool_forward, pool_backward

    def step():
        _, cache = forward(A_prev, hparameters, mode="max")
        backward(dA, cache, mode="max")

    return step


def make_dlref_lstm(variant: str) -> Call:
    from dlref.lstm import lstm_backward, lstm_forward

    parameters, x, a0, da = lstm_problem()

    def step():
        *_, caches = lstm_forward(x, a0, parameters)
        if variant == "full":
            lstm_backward(da, caches)

    return step


def make_dlref_attention(variant: str) -> Call:
    from dlref.transformer import scaled_dot_product_attention, scaled_dot_product_attention_backward

    q, k, v, d_output = attention_problem()

    def step():
        _, weights = scaled_dot_product_attention(q, k, v)
        scaled_dot_product_attention_backward(d_output, q, k, v, weights)

    return step


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


def leaves(*arrays):
    """Tensors that share nothing with dlref's arrays and collect their gradients."""
    import torch

    return [torch.from_numpy(np.ascontiguousarray(a)).clone().requires_grad_() for a in arrays]


def backward_step(forward, upstream, tensors) -> Call:
    """One call: the forward pass, then autograd's backward from the upstream gradient."""
    def step():
        for tensor in tensors:
            tensor.grad = None
        forward().backward(upstream)

    return step


def make_torch_conv(variant: str) -> Call:
    import torch
    import torch.nn.functional as F

    A_prev, W, b, dZ, hparameters = conv_problem()
    # NCHW, and filters (n_C, n_C_prev, f, f): the same numbers in PyTorch's layout
    x, w, bias = leaves(A_prev.transpose(0, 3, 1, 2), W.transpose(3, 2, 0, 1), b.reshape(-1))
    upstream = torch.from_numpy(np.ascontiguousarray(dZ.transpose(0, 3, 1, 2)))
    pad, stride = hparameters["pad"], hparameters["stride"]
    return backward_step(lambda: F.conv2d(x, w, bias, stride=stride, padding=pad), upstream, [x, w, bias])


def make_torch_pool(variant: str) -> Call:
    import torch
    import torch.nn.functional as F

    A_prev, dA, hparameters = pool_problem()
    (x,) = leaves(A_prev.transpose(0, 3, 1, 2))
    upstream = torch.from_numpy(np.ascontiguousarray(dA.transpose(0, 3, 1, 2)))
    f, stride = hparameters["f"], hparameters["stride"]
    return backward_step(lambda: F.max_pool2d(x, f, stride=stride), upstream, [x])


def make_torch_lstm(variant: str) -> Call:
    """The course's LSTM in PyTorch operators, with dlref's weights: one product of the four
    stacked gates on [a_prev; x_t] a step, the softmax prediction too, autograd for the backward."""
    import torch

    parameters, x_np, a0_np, da_np = lstm_problem()
    W = np.concatenate([parameters[f"W{g}"] for g in "fico"])  # (4 n_a, n_a + n_x)
    b = np.concatenate([parameters[f"b{g}"] for g in "fico"])
    W, b, Wy, by, x, a0 = leaves(W, b, parameters["Wy"], parameters["by"], x_np, a0_np)
    n_a = a0_np.shape[0]
    upstream = torch.from_numpy(da_np)

    def forward():
        a_next, c_next, states = a0, torch.zeros_like(a0), []
        for t in range(x.shape[2]):
            gates = W @ torch.cat([a_next, x[:, :, t]]) + b
            f, i, o = (torch.sigmoid(gates[j * n_a:(j + 1) * n_a]) for j in (0, 1, 3))
            c_next = f * c_next + i * torch.tanh(gates[2 * n_a:3 * n_a])
            a_next = o * torch.tanh(c_next)
            torch.softmax(Wy @ a_next + by, dim=0)  # the prediction, as lstm_forward computes it
            states.append(a_next)
        return torch.stack(states, dim=2)

    if variant == "forward":  # the graph recorded, as lstm_forward keeps its caches
        return forward
    return backward_step(forward, upstream, [W, b, Wy, by, x, a0])


def make_torch_attention(variant: str) -> Call:
    import torch

    q_np, k_np, v_np, d_np = attention_problem()
    q, k, v = leaves(q_np, k_np, v_np)
    upstream = torch.from_numpy(d_np)
    scale = 1.0 / np.sqrt(q_np.shape[-1])

    def forward():
        return torch.softmax(q @ k.transpose(-1, -2) * scale, dim=-1) @ v

    return backward_step(forward, upstream, [q, k, v])


MAKERS = {
    ("dlref", "sgd"): make_dlref_sgd,
    ("dlref", "adam"): make_dlref_adam,
    ("dlref", "digits"): make_dlref_digits,
    ("dlref", "vectorization"): make_dlref_vectorization,
    ("dlref", "conv"): make_dlref_conv,
    ("dlref", "pool"): make_dlref_pool,
    ("dlref", "lstm"): make_dlref_lstm,
    ("dlref", "attention"): make_dlref_attention,
    ("torch", "sgd"): make_torch_sgd,
    ("torch", "adam"): make_torch_adam,
    ("torch", "digits"): make_torch_digits,
    ("torch", "conv"): make_torch_conv,
    ("torch", "pool"): make_torch_pool,
    ("torch", "lstm"): make_torch_lstm,
    ("torch", "attention"): make_torch_attention,
}
