r"""Residual networks: spatial batch norm, and ResNet-50's identity and convolutional blocks.

Activations are ``(m, n_H, n_W, n_C)``. Batch norm on a convolution's output normalizes each
channel over the examples **and** the positions, ``(m, n_H, n_W)``; its ``gamma`` and ``beta``
are ``(1, 1, 1, n_C)``. The convolutions of a block have no bias: the ``beta`` of the batch norm
after each one takes its place.

Every gradient here is the derivative of the cost itself (no further $\frac{1}{m}$), as the
convolution layers take and return.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_generator
from dlref.activations import relu, relu_backward
from dlref.batch_norm import batchnorm_backward, batchnorm_forward
from dlref.convolution import check_volume, conv_backward, conv_forward

__all__ = [
    "initialize_block",
    "convolutional_block",
    "convolutional_block_backward",
    "identity_block",
    "identity_block_backward",
    "spatial_batchnorm_backward",
    "spatial_batchnorm_forward",
]

Array = NDArray[np.float64]
Params = dict[str, Array]


def spatial_batchnorm_forward(
    Z: ArrayLike, gamma: ArrayLike, beta: ArrayLike, epsilon: float = 1e-5
) -> tuple[NDArray[np.float64], dict]:
    r"""Batch norm of a convolution's output: each channel over the examples and positions.

    Parameters
    ----------
    Z : array_like of shape (m, n_H, n_W, n_C)
        A convolution's output on a mini-batch.
    gamma : array_like of shape (1, 1, 1, n_C)
        Scale, one per channel.
    beta : array_like of shape (1, 1, 1, n_C)
        Shift, one per channel.
    epsilon : float, default 1e-5
        Added to the variance, inside the square root.

    Returns
    -------
    Z_tilde : ndarray of shape (m, n_H, n_W, n_C)
    cache : dict
        For `spatial_batchnorm_backward`.

    Raises
    ------
    ValueError
        If `Z` is not 4-D or `gamma`, `beta` are not ``(1, 1, 1, n_C)``.

    Notes
    -----
    Course 2's batch norm with every position of every example counted as one sample, so each
    mean and variance is over $M = m\, n_H\, n_W$ numbers:

    $$\mu_c = \frac{1}{M} \sum_{i,h,w} Z_{i,h,w,c}, \qquad
    \sigma_c^2 = \frac{1}{M} \sum_{i,h,w} (Z_{i,h,w,c} - \mu_c)^2, \qquad
    \tilde Z = \gamma_c \frac{Z - \mu_c}{\sqrt{\sigma_c^2 + \varepsilon}} + \beta_c$$

    Examples
    --------
    >>> Z = np.arange(8.0).reshape(2, 2, 1, 2)
    >>> Z_tilde, _ = spatial_batchnorm_forward(Z, np.ones((1, 1, 1, 2)), np.zeros((1, 1, 1, 2)))
    >>> Z_tilde.mean(axis=(0, 1, 2)).round(6).tolist(), Z_tilde.std(axis=(0, 1, 2)).round(4).tolist()
    ([0.0, 0.0], [1.0, 1.0])
    """
    Z = check_volume("Z", Z)
    n_C = Z.shape[3]
    for name, x in (("gamma", gamma), ("beta", beta)):
        if np.shape(x) != (1, 1, 1, n_C):
            raise ValueError(f"{name} has shape {np.shape(x)}; expected (1, 1, 1, {n_C}), one per channel of Z {Z.shape}.")
    # --8<-- [start:spatial_batchnorm_forward]
    rows = Z.reshape(-1, n_C).T  # (n_C, m * n_H * n_W): each position is one more "example"
    Z_tilde_rows, bn_cache = batchnorm_forward(rows, np.reshape(gamma, (n_C, 1)), np.reshape(beta, (n_C, 1)), epsilon)
    Z_tilde = Z_tilde_rows.T.reshape(Z.shape)
    # --8<-- [end:spatial_batchnorm_forward]
    return Z_tilde, {"bn": bn_cache, "shape": Z.shape}


def spatial_batchnorm_backward(
    dZ_tilde: ArrayLike, cache: dict
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of `spatial_batchnorm_forward`.

    Parameters
    ----------
    dZ_tilde : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the output.
    cache : dict
        From `spatial_batchnorm_forward`.

    Returns
    -------
    dZ : ndarray of shape (m, n_H, n_W, n_C)
    dgamma : ndarray of shape (1, 1, 1, n_C)
    dbeta : ndarray of shape (1, 1, 1, n_C)

    Raises
    ------
    ValueError
        If `dZ_tilde` does not have the shape of the forward input.

    Notes
    -----
    Course 2's `batchnorm_backward` on the same reshaped rows. It returns $d\gamma$ and
    $d\beta$ averaged over the $M$ samples (its upstream gradient is $M$ times the cost's); here
    the upstream gradient is the cost's own, so they are multiplied back by $M$:

    $$d\beta_c = \sum_{i,h,w} d\tilde Z_{i,h,w,c}, \qquad d\gamma_c = \sum_{i,h,w} d\tilde Z_{i,h,w,c}\, \hat Z_{i,h,w,c}$$

    Examples
    --------
    >>> Z = np.arange(8.0).reshape(2, 2, 1, 2)
    >>> _, cache = spatial_batchnorm_forward(Z, np.ones((1, 1, 1, 2)), np.zeros((1, 1, 1, 2)))
    >>> dZ, dgamma, dbeta = spatial_batchnorm_backward(np.ones((2, 2, 1, 2)), cache)
    >>> bool(np.abs(dZ).max() < 1e-12), dbeta.ravel().tolist()  # shifting every output changes no Z
    (True, [4.0, 4.0])
    """
    if not isinstance(cache, dict) or not {"shape", "bn"} <= cache.keys():
        missing = sorted({"shape", "bn"} - set(cache)) if isinstance(cache, dict) else ["shape", "bn"]
        raise ValueError(f"cache must be the dict returned by spatial_batchnorm_forward; it lacks {', '.join(missing)}.")
    shape = cache["shape"]
    dZ_tilde = check_volume("dZ_tilde", dZ_tilde)
    if dZ_tilde.shape != shape:
        raise ValueError(f"dZ_tilde has shape {dZ_tilde.shape}; expected the shape of the forward input, {shape}.")
    n_C = shape[3]
    # --8<-- [start:spatial_batchnorm_backward]
    M = shape[0] * shape[1] * shape[2]  # samples per channel
    dZ_rows, dgamma, dbeta = batchnorm_backward(dZ_tilde.reshape(-1, n_C).T, cache["bn"])
    dZ = dZ_rows.T.reshape(shape)
    dgamma, dbeta = ((M * d).reshape(1, 1, 1, n_C) for d in (dgamma, dbeta))  # sums, not averages
    # --8<-- [end:spatial_batchnorm_backward]
    return dZ, dgamma, dbeta


def initialize_block(
    n_C_prev: int, f: int, filters: tuple[int, int, int], rng: np.random.Generator, convolutional: bool = False
) -> dict[str, NDArray[np.float64]]:
    r"""He-initialized parameters of an identity or a convolutional block.

    Parameters
    ----------
    n_C_prev : int
        Channels of the block's input.
    f : int
        Size of the middle convolution's filters (odd).
    filters : tuple of three int
        ``(F1, F2, F3)``: filters of the 1 x 1, the f x f and the last 1 x 1 convolution. An
        identity block needs ``F3 == n_C_prev``.
    rng : numpy.random.Generator
        Source of the weights.
    convolutional : bool, default False
        Add the shortcut's 1 x 1 convolution ``Ws`` and its batch norm.

    Returns
    -------
    parameters : dict
        ``W1`` (1, 1, n_C_prev, F1), ``W2`` (f, f, F1, F2), ``W3`` (1, 1, F2, F3), and for each
        ``gamma{k}`` = 1, ``beta{k}`` = 0 of shape (1, 1, 1, F_k); with `convolutional`, also
        ``Ws`` (1, 1, n_C_prev, F3), ``gammas``, ``betas``.

    Raises
    ------
    ValueError
        If a size is not a positive integer, `f` is even, or an identity block's ``F3`` differs
        from `n_C_prev`.

    Notes
    -----
    $$W \sim \mathcal{N}\!\left(0, \frac{2}{f^2\, n_C^{[l-1]}}\right), \qquad \gamma = 1, \qquad \beta = 0$$

    Examples
    --------
    >>> p = initialize_block(4, 3, (2, 2, 4), np.random.default_rng(0))
    >>> sorted(p), p["W2"].shape
    (['W1', 'W2', 'W3', 'beta1', 'beta2', 'beta3', 'gamma1', 'gamma2', 'gamma3'], (3, 3, 2, 2))
    """
    rng = check_generator("rng", rng)
    n_C_prev, f = check_count("n_C_prev", n_C_prev, minimum=1), check_count("f", f, minimum=1)
    if not isinstance(filters, (tuple, list)):
        raise ValueError(f"filters must be three sizes (F1, F2, F3), got {filters!r}.")
    F = [check_count(f"filters[{k}]", n, minimum=1) for k, n in enumerate(filters)]
    if len(F) != 3 or f % 2 == 0:
        raise ValueError(f"filters must be three sizes (F1, F2, F3) and f odd; got {filters!r}, f={f}.")
    if not convolutional and F[2] != n_C_prev:
        raise ValueError(f"an identity block adds its input back: F3 = {F[2]} must equal n_C_prev = {n_C_prev}.")
    shapes = {"1": (1, 1, n_C_prev, F[0]), "2": (f, f, F[0], F[1]), "3": (1, 1, F[1], F[2])}
    if convolutional:
        shapes["s"] = (1, 1, n_C_prev, F[2])
    parameters = {}
    for k, shape in shapes.items():
        parameters[f"W{k}"] = rng.standard_normal(shape) * np.sqrt(2 / (shape[0] * shape[1] * shape[2]))
        parameters[f"gamma{k}"] = np.ones((1, 1, 1, shape[3]))
        parameters[f"beta{k}"] = np.zeros((1, 1, 1, shape[3]))
    return parameters


def _conv_bn(X: Array, p: Params, k: str, stride: int, pad: int):
    W = p[f"W{k}"]
    Z, conv_cache = conv_forward(X, W, np.zeros((1, 1, 1, W.shape[3])), {"stride": stride, "pad": pad})
    Z_tilde, bn_cache = spatial_batchnorm_forward(Z, p[f"gamma{k}"], p[f"beta{k}"])
    return Z_tilde, (conv_cache, bn_cache)


def _conv_bn_backward(dZ_tilde: Array, cache, grads: Params, k: str) -> Array:
    dZ, grads[f"dgamma{k}"], grads[f"dbeta{k}"] = spatial_batchnorm_backward(dZ_tilde, cache[1])
    dX, grads[f"dW{k}"], _ = conv_backward(dZ, cache[0])
    return dX


def _main_path(X: Array, f: int, p: Params, s: int):
    # --8<-- [start:main_path]
    Z1, c1 = _conv_bn(X, p, "1", stride=s, pad=0)  # 1 x 1, F1 filters (stride s in a conv block)
    Z2, c2 = _conv_bn(relu(Z1), p, "2", stride=1, pad=(f - 1) // 2)  # f x f "same"
    Z3, c3 = _conv_bn(relu(Z2), p, "3", stride=1, pad=0)  # 1 x 1, F3 filters, no ReLU yet
    # --8<-- [end:main_path]
    return Z3, (c1, Z1, c2, Z2, c3)


def _main_path_backward(dZ3: Array, cache, grads: Params) -> Array:
    c1, Z1, c2, Z2, c3 = cache
    # --8<-- [start:main_path_backward]
    dA2 = _conv_bn_backward(dZ3, c3, grads, "3")
    dA1 = _conv_bn_backward(relu_backward(dA2, Z2), c2, grads, "2")
    dX = _conv_bn_backward(relu_backward(dA1, Z1), c1, grads, "1")
    # --8<-- [end:main_path_backward]
    return dX


def _unpack(cache: object, n: int, forward: str) -> tuple:
    if not isinstance(cache, tuple) or len(cache) != n:
        raise ValueError(f"cache must be the tuple of {n} entries returned by {forward}, got {type(cache).__name__}.")
    return cache


def _check_block(X: ArrayLike, f: object, parameters: object, convolutional: bool) -> tuple[Array, int, Params]:
    X = check_volume("X", X)
    f = check_count("f", f, minimum=1)
    names = {f"{p}{k}" for k in ("123s" if convolutional else "123") for p in ("W", "gamma", "beta")}
    if not isinstance(parameters, dict) or set(parameters) != names:
        raise ValueError(f"parameters must hold exactly {sorted(names)} (see initialize_block).")
    p = {k: check_volume(k, v, "(f, f, n_C_prev, n_C)") if k[0] == "W" else np.asarray(v, dtype=np.float64)
         for k, v in parameters.items()}
    for k in ("W1", "Ws") if convolutional else ("W1",):
        if p[k].shape[2] != X.shape[3]:
            raise ValueError(f"X has shape {X.shape} and {k} has shape {p[k].shape}: {k}.shape[2] must be the channels of X.")
    if f % 2 == 0 or p["W2"].shape[0] != f:
        raise ValueError(f"f={f} must be odd and match W2 of shape {p['W2'].shape}.")
    if not convolutional and p["W3"].shape[3] != X.shape[3]:
        raise ValueError(f"W3 has shape {p['W3'].shape} and X has shape {X.shape}: an identity block needs F3 = n_C of X.")
    return X, f, p


def identity_block(
    X: ArrayLike, f: int, parameters: dict[str, NDArray[np.float64]]
) -> tuple[NDArray[np.float64], tuple]:
    r"""ResNet's identity block: three conv + batch-norm steps, then the input added back.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C)
        The block's input.
    f : int
        Size of the middle convolution (odd; "same" padding).
    parameters : dict
        From ``initialize_block(n_C, f, (F1, F2, n_C), rng)``.

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, n_C)
    cache : tuple
        For `identity_block_backward`.

    Raises
    ------
    ValueError
        If a shape does not fit, `f` is even, or a parameter is missing.

    Notes
    -----
    The main path is 1 x 1 conv, BN, ReLU, f x f conv, BN, ReLU, 1 x 1 conv, BN; then

    $$A = \operatorname{relu}\bigl(Z^{[3]} + X\bigr)$$

    The shortcut skips the three convolutions: if their weights are zero, the block is the
    identity (up to the ReLU), so adding blocks cannot make the network's best fit worse.

    Examples
    --------
    >>> p = initialize_block(4, 3, (2, 2, 4), np.random.default_rng(0))
    >>> A, _ = identity_block(np.random.default_rng(1).random((2, 3, 3, 4)), 3, p)
    >>> A.shape, bool((A >= 0).all())
    ((2, 3, 3, 4), True)
    """
    X, f, p = _check_block(X, f, parameters, convolutional=False)
    # --8<-- [start:identity_block]
    Z3, main = _main_path(X, f, p, s=1)
    Z = Z3 + X  # the shortcut: the input, unchanged
    A = relu(Z)
    # --8<-- [end:identity_block]
    return A, (main, Z)


def identity_block_backward(
    dA: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], dict[str, NDArray[np.float64]]]:
    r"""Backward pass of `identity_block`: the gradient flows back along both paths and adds up.

    Parameters
    ----------
    dA : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the block's output.
    cache : tuple
        From `identity_block`.

    Returns
    -------
    dX : ndarray of shape (m, n_H, n_W, n_C)
    grads : dict
        ``dW1, dgamma1, dbeta1, ..., dW3, dgamma3, dbeta3``.

    Raises
    ------
    ValueError
        If `dA` does not have the shape of the block's output.

    Notes
    -----
    $$dZ = dA \odot [Z > 0], \qquad dX = dZ + \frac{\partial J}{\partial X}\Big|_{\text{main path}}$$

    The first term is the shortcut's: whatever happens on the main path, the gradient reaches
    $X$ at least through the addition. That is why deep residual stacks still train.

    Examples
    --------
    >>> p = initialize_block(4, 3, (2, 2, 4), np.random.default_rng(0))
    >>> A, cache = identity_block(np.random.default_rng(1).random((2, 3, 3, 4)), 3, p)
    >>> dX, grads = identity_block_backward(np.ones_like(A), cache)
    >>> dX.shape, grads["dW2"].shape
    ((2, 3, 3, 4), (3, 3, 2, 2))
    """
    main, Z = _unpack(cache, 2, "identity_block")
    dA = check_volume("dA", dA)
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape}; expected the shape of the block's output, {Z.shape}.")
    grads: Params = {}
    # --8<-- [start:identity_block_backward]
    dZ = relu_backward(dA, Z)
    dX = dZ + _main_path_backward(dZ, main, grads)  # shortcut + main path
    # --8<-- [end:identity_block_backward]
    return dX, grads


def convolutional_block(
    X: ArrayLike, f: int, parameters: dict[str, NDArray[np.float64]], s: int = 2
) -> tuple[NDArray[np.float64], tuple]:
    r"""ResNet's convolutional block: the identity block with a 1 x 1 convolution on the shortcut.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C_prev)
        The block's input.
    f : int
        Size of the middle convolution (odd; "same" padding).
    parameters : dict
        From ``initialize_block(n_C_prev, f, (F1, F2, F3), rng, convolutional=True)``.
    s : int, default 2
        Stride of the first convolution and of the shortcut's: the block shrinks the height and
        width by about $s$.

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, F3)
        $n_H = \lfloor (n_{H,\text{prev}} - 1)/s \rfloor + 1$, likewise $n_W$.
    cache : tuple
        For `convolutional_block_backward`.

    Raises
    ------
    ValueError
        If a shape does not fit, `f` is even, or a parameter is missing.

    Notes
    -----
    When the input and output shapes differ, the shortcut cannot add $X$ as it is; a 1 x 1
    convolution of stride $s$ and a batch norm bring it to the output's shape:

    $$A = \operatorname{relu}\bigl(Z^{[3]} + \operatorname{BN}(W_s * X)\bigr)$$

    Examples
    --------
    >>> p = initialize_block(3, 3, (2, 2, 4), np.random.default_rng(0), convolutional=True)
    >>> A, _ = convolutional_block(np.random.default_rng(1).random((2, 5, 5, 3)), 3, p, s=2)
    >>> A.shape
    (2, 3, 3, 4)
    """
    X, f, p = _check_block(X, f, parameters, convolutional=True)
    s = check_count("s", s, minimum=1)
    # --8<-- [start:convolutional_block]
    Z3, main = _main_path(X, f, p, s=s)
    Z_shortcut, shortcut = _conv_bn(X, p, "s", stride=s, pad=0)  # 1 x 1, stride s: the output's shape
    Z = Z3 + Z_shortcut
    A = relu(Z)
    # --8<-- [end:convolutional_block]
    return A, (main, shortcut, Z)


def convolutional_block_backward(
    dA: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], dict[str, NDArray[np.float64]]]:
    r"""Backward pass of `convolutional_block`.

    Parameters
    ----------
    dA : array_like of shape (m, n_H, n_W, F3)
        Gradient of the cost with respect to the block's output.
    cache : tuple
        From `convolutional_block`.

    Returns
    -------
    dX : ndarray of shape (m, n_H_prev, n_W_prev, n_C_prev)
    grads : dict
        ``dW1, dgamma1, dbeta1, ..., dW3, dgamma3, dbeta3, dWs, dgammas, dbetas``.

    Raises
    ------
    ValueError
        If `dA` does not have the shape of the block's output.

    Notes
    -----
    $$dZ = dA \odot [Z > 0], \qquad
    dX = \frac{\partial J}{\partial X}\Big|_{\text{shortcut}} + \frac{\partial J}{\partial X}\Big|_{\text{main path}}$$

    Examples
    --------
    >>> p = initialize_block(3, 3, (2, 2, 4), np.random.default_rng(0), convolutional=True)
    >>> A, cache = convolutional_block(np.random.default_rng(1).random((2, 5, 5, 3)), 3, p)
    >>> dX, grads = convolutional_block_backward(np.ones_like(A), cache)
    >>> dX.shape, grads["dWs"].shape
    ((2, 5, 5, 3), (1, 1, 3, 4))
    """
    main, shortcut, Z = _unpack(cache, 3, "convolutional_block")
    dA = check_volume("dA", dA)
    if dA.shape != Z.shape:
        raise ValueError(f"dA has shape {dA.shape}; expected the shape of the block's output, {Z.shape}.")
    grads: Params = {}
    # --8<-- [start:convolutional_block_backward]
    dZ = relu_backward(dA, Z)
    dX = _conv_bn_backward(dZ, shortcut, grads, "s") + _main_path_backward(dZ, main, grads)
    # --8<-- [end:convolutional_block_backward]
    return dX, grads
