r"""The course's date translator: a bidirectional LSTM, attention at every output step, a second LSTM.

Inputs are batch first as in the course: ``Xoh (m, T_x, n_x)`` one-hot characters, outputs
``Y_hat (m, T_y, n_y)`` probabilities. Inside, the encoder is `dlref.lstm`'s, run on the sequence
and on its reverse (``(n_x, m, T_x)``, the LSTM's layout), and the attention is
`dlref.attention`'s, batch first. The parameters are four dicts: ``"forward"`` and ``"backward"``
(the encoder's two LSTMs, gates ``(n_a, n_a + n_x)``), ``"attention"`` (``W1 (2 n_a + n_s,
n_e)``, ``b1 (n_e,)``, ``W2 (n_e, 1)``, ``b2 (1,)``) and ``"post"`` (the post-attention LSTM,
gates ``(n_s, n_s + 2 n_a)``, with ``Wy (n_y, n_s)`` and ``by (n_y, 1)`` as the softmax output).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_cache, check_entries, check_gradient, check_weights
from dlref._validation import as_float_array, check_count, check_finite, check_generator, check_positive
from dlref.attention import one_step_attention_backward, one_step_attention_forward
from dlref.date_data import _vocabularies, string_to_int
from dlref.lstm import lstm_backward, lstm_cell_backward, lstm_cell_forward, lstm_forward
from dlref.optimizers import initialize_adam, update_parameters_with_adam

__all__ = ["initialize_translator", "load_translator", "train_translator", "translate", "translator_backward",
           "translator_cost", "translator_forward"]

GATES = ("f", "i", "c", "o")
GROUPS = ("forward", "backward", "attention", "post")


def _lstm_shapes(n_a: int, n_in: int) -> dict[str, tuple[int, int]]:
    return {f"W{g}": (n_a, n_a + n_in) for g in GATES} | {f"b{g}": (n_a, 1) for g in GATES}


def _check_parameters(parameters: object, n_x: int | None = None) -> dict[str, dict[str, NDArray[np.float64]]]:
    """The four groups as float arrays of shapes that fit together (and `n_x`, if given), or raise."""
    check_entries("parameters", parameters, GROUPS, "the translator")
    check_entries("parameters['attention']", parameters["attention"], ("W1", "b1", "W2", "b2"), "the attention's small network")
    n_a = check_weights(parameters["forward"], {"bf": (None, 1)}, "the encoder")["bf"].shape[0]
    n_s = check_weights(parameters["post"], {"bf": (None, 1)}, "the post-attention LSTM")["bf"].shape[0]
    W1 = check_weights(parameters["attention"], {"W1": (2 * n_a + n_s, None)}, f"the attention: W1 acts on [a; s_prev], 2 n_a + n_s = {2 * n_a + n_s} features")["W1"]
    n_y = check_weights(parameters["post"], {"Wy": (None, n_s)}, "the output layer")["Wy"].shape[0]
    if n_x is None:
        n_x = check_weights(parameters["forward"], {"Wf": (n_a, None)}, "the encoder")["Wf"].shape[1] - n_a
    p = {group: check_weights(parameters[group], _lstm_shapes(n_a, n_x), f"the encoder's {group} LSTM with n_x = {n_x}, n_a = {n_a}")
         for group in ("forward", "backward")}
    p["post"] = check_weights(parameters["post"], _lstm_shapes(n_s, 2 * n_a) | {"Wy": (n_y, n_s), "by": (n_y, 1)},
                              f"the post-attention LSTM: its input is the context, 2 n_a = {2 * n_a} features")
    p["attention"] = {key: as_float_array(key, parameters["attention"][key]) for key in ("W1", "b1", "W2", "b2")}
    expected = {"W1": W1.shape, "b1": (W1.shape[1],), "W2": (W1.shape[1], 1), "b2": (1,)}
    for key, shape in expected.items():
        if p["attention"][key].shape != shape:
            raise ValueError(f"{key} has shape {p['attention'][key].shape}; expected {shape} (the attention's small network).")
    for group in GROUPS:
        for key, value in p[group].items():
            check_finite(key, value, diverged=True)
    return p


def initialize_translator(n_x: int, n_y: int, rng: np.random.Generator, n_a: int = 32, n_s: int = 64, n_e: int = 10):
    r"""Random parameters of the translator: Xavier-scaled weights, zero biases but a forget-gate bias of 1.

    Parameters
    ----------
    n_x : int
        Size of the human vocabulary (one-hot inputs).
    n_y : int
        Size of the machine vocabulary (softmax outputs).
    rng : numpy.random.Generator
        Draws the weights.
    n_a : int, default 32
        Hidden units of each direction of the encoder (the course's 32).
    n_s : int, default 64
        Hidden units of the post-attention LSTM (the course's 64).
    n_e : int, default 10
        Hidden units of the attention's small network (the course's 10).

    Returns
    -------
    parameters : dict
        ``{"forward": ..., "backward": ..., "attention": ..., "post": ...}``, shapes as in the module docstring.

    Raises
    ------
    ValueError
        If a size is not a positive integer or `rng` is not a Generator.

    Notes
    -----
    Each weight matrix is drawn from $\mathcal{N}(0, 1/n_{\text{in}})$, $n_{\text{in}}$ the
    number of inputs of a unit; $b_f = 1$, as Keras's LSTM starts, so that the memory is kept at first.

    Examples
    --------
    >>> p = initialize_translator(42, 11, np.random.default_rng(0), n_a=2, n_s=3, n_e=4)
    >>> p["forward"]["Wf"].shape, p["attention"]["W1"].shape, p["post"]["Wy"].shape
    ((2, 44), (7, 4), (11, 3))
    """
    n_x, n_y, n_a, n_s, n_e = (check_count(k, v, minimum=1) for k, v in (("n_x", n_x), ("n_y", n_y), ("n_a", n_a), ("n_s", n_s), ("n_e", n_e)))
    rng = check_generator("rng", rng)

    def lstm(n, n_in):
        W = {f"W{g}": rng.standard_normal((n, n + n_in)) / np.sqrt(n + n_in) for g in GATES}
        return W | {f"b{g}": np.full((n, 1), 1.0 if g == "f" else 0.0) for g in GATES}

    return {"forward": lstm(n_a, n_x), "backward": lstm(n_a, n_x),
            "attention": {"W1": rng.standard_normal((2 * n_a + n_s, n_e)) / np.sqrt(2 * n_a + n_s), "b1": np.zeros(n_e),
                          "W2": rng.standard_normal((n_e, 1)) / np.sqrt(n_e), "b2": np.zeros(1)},
            "post": lstm(n_s, 2 * n_a) | {"Wy": rng.standard_normal((n_y, n_s)) / np.sqrt(n_s), "by": np.zeros((n_y, 1))}}


def _check_Xoh(Xoh: ArrayLike) -> NDArray[np.float64]:
    Xoh = as_float_array("Xoh", Xoh)
    if Xoh.ndim != 3:
        raise ValueError(f"Xoh has shape {Xoh.shape}; expected (m, T_x, n_x), one one-hot row per character, batch first.")
    return check_finite("Xoh", Xoh)


def translator_forward(Xoh: ArrayLike, parameters: dict[str, dict[str, NDArray[np.float64]]], Ty: int = 10):
    r"""Forward pass: the encoder's states, then $T_y$ steps of attention, post-attention LSTM and softmax.

    Parameters
    ----------
    Xoh : array_like of shape (m, T_x, n_x)
        One-hot characters, from `dlref.date_data.preprocess_data`.
    parameters : dict
        As returned by `initialize_translator`.
    Ty : int, default 10
        Number of output steps.

    Returns
    -------
    Y_hat : ndarray of shape (m, Ty, n_y)
        Softmax probabilities of every output character.
    alphas : ndarray of shape (m, Ty, T_x)
        The attention weights of each output step; each row sums to 1.
    cache : tuple
        What `translator_backward` needs.

    Raises
    ------
    ValueError
        If `Xoh` is not 3-D or holds NaN, or a parameter does not fit.

    Notes
    -----
    $$a^{\langle t' \rangle} = [\overrightarrow{a}^{\langle t' \rangle}; \overleftarrow{a}^{\langle t' \rangle}], \qquad
    c^{\langle t \rangle} = \sum_{t'} \alpha^{\langle t, t' \rangle} a^{\langle t' \rangle}$$

    $$s^{\langle t \rangle}, m^{\langle t \rangle} = \mathrm{LSTM}(c^{\langle t \rangle}, s^{\langle t-1 \rangle}, m^{\langle t-1 \rangle}), \qquad
    \hat y^{\langle t \rangle} = \mathrm{softmax}(W_y s^{\langle t \rangle} + b_y)$$

    with $s^{\langle 0 \rangle} = m^{\langle 0 \rangle} = 0$ ($m$ the post-attention LSTM's memory cell).

    Examples
    --------
    >>> p = initialize_translator(3, 2, np.random.default_rng(0), n_a=2, n_s=2, n_e=2)
    >>> Y_hat, alphas, _ = translator_forward(np.eye(3)[None, [0, 2, 1, 1]], p, Ty=3)
    >>> Y_hat.shape, alphas.sum(axis=2).round(4).tolist()
    ((1, 3, 2), [[1.0, 1.0, 1.0]])
    """
    Xoh, Ty = _check_Xoh(Xoh), check_count("Ty", Ty, minimum=1)
    p = _check_parameters(parameters, Xoh.shape[2])
    (m, Tx, _), n_a, n_s = Xoh.shape, p["forward"]["bf"].shape[0], p["post"]["bf"].shape[0]
    no_output = {"Wy": np.zeros((1, n_a)), "by": np.zeros((1, 1))}  # lstm_forward's own prediction is not used
    # --8<-- [start:translator_forward]
    x = Xoh.transpose(2, 0, 1)  # (n_x, m, T_x), the LSTM's layout
    a_fwd, _, _, caches_fwd = lstm_forward(x, np.zeros((n_a, m)), p["forward"] | no_output)
    a_bwd, _, _, caches_bwd = lstm_forward(x[:, :, ::-1], np.zeros((n_a, m)), p["backward"] | no_output)  # reversed
    a = np.concatenate([a_fwd, a_bwd[:, :, ::-1]], axis=0).transpose(1, 2, 0)  # (m, T_x, 2 n_a), both directions
    s, c = np.zeros((n_s, m)), np.zeros((n_s, m))
    Y_hat, alphas, steps = np.zeros((m, Ty, p["post"]["Wy"].shape[0])), np.zeros((m, Ty, Tx)), []
    for t in range(Ty):
        context, alpha, attention_cache = one_step_attention_forward(a, s.T, p["attention"])  # (m, 1, 2 n_a)
        s, c, yt, cell_cache = lstm_cell_forward(context[:, 0, :].T, s, c, p["post"])  # softmax(Wy s + by)
        Y_hat[:, t, :], alphas[:, t, :] = yt.T, alpha[:, :, 0]
        steps.append((attention_cache, cell_cache))
    # --8<-- [end:translator_forward]
    return Y_hat, alphas, (caches_fwd, caches_bwd, steps, p, Y_hat)


def translator_backward(dY_hat: ArrayLike, cache: tuple) -> dict[str, dict[str, NDArray[np.float64]]]:
    r"""Backward pass of `translator_forward`: the softmax, $T_y$ steps back, then both encoder directions.

    Parameters
    ----------
    dY_hat : array_like of shape (m, Ty, n_y)
        Gradient of the loss with respect to the probabilities.
    cache : tuple
        From `translator_forward`.

    Returns
    -------
    gradients : dict
        ``{"forward": {"dWf", ...}, "backward": ..., "attention": {"dW1", ...}, "post": {"dWf", ..., "dWy", "dby"}}``,
        each of its parameter's shape, summed over examples and steps.

    Raises
    ------
    ValueError
        If `cache` is not what `translator_forward` returned or `dY_hat` does not have the shape of ``Y_hat``.

    Notes
    -----
    Step $t$ gets $ds^{\langle t \rangle} = W_y^T dz^{\langle t \rangle} + ds_{\text{prev}}$, carried from
    step $t + 1$ both through its LSTM cell and through its attention (which read $s^{\langle t \rangle}$);
    the context's gradient goes into the attention, whose $da$ is summed over the steps and split
    between the directions, the backward half reversed in time again:

    $$dz^{\langle t \rangle} = \hat y \odot (d\hat y - \textstyle\sum_k \hat y_k\, d\hat y_k), \qquad
    da = \sum_{t=1}^{T_y} da_{\text{attention}}^{\langle t \rangle}$$

    Examples
    --------
    >>> p = initialize_translator(3, 2, np.random.default_rng(0), n_a=2, n_s=2, n_e=2)
    >>> Y_hat, _, cache = translator_forward(np.eye(3)[None, [0, 2, 1]], p, Ty=2)
    >>> g = translator_backward(np.ones_like(Y_hat), cache)  # the probabilities sum to 1: no gradient
    >>> float(np.abs(g["post"]["dWy"]).max()) < 1e-12
    True
    """
    _, _, _, _, Y_hat = check_cache(cache, 5, "translator_forward")
    dY_hat = check_gradient("dY_hat", dY_hat, "Y_hat", Y_hat.shape)
    # --8<-- [start:softmax_backward]
    dZ = Y_hat * (dY_hat - np.sum(Y_hat * dY_hat, axis=2, keepdims=True))  # through each step's softmax
    # --8<-- [end:softmax_backward]
    return _backward_from_scores(dZ, cache)


def _backward_from_scores(dZ: NDArray[np.float64], cache: tuple) -> dict[str, dict[str, NDArray[np.float64]]]:
    """`translator_backward` from the gradient of the output scores ``Wy s + by``, shape (m, Ty, n_y)."""
    caches_fwd, caches_bwd, steps, p, _ = cache
    n_a, Wy = p["forward"]["bf"].shape[0], p["post"]["Wy"]
    m, Tx, n_s = steps[0][0][0].shape[0], steps[0][0][0].shape[1], p["post"]["bf"].shape[0]
    post = {f"d{k}": np.zeros(np.shape(v)) for k, v in p["post"].items()}  # float64 whatever the cache holds
    attention = {f"d{k}": np.zeros(np.shape(v)) for k, v in p["attention"].items()}
    # --8<-- [start:translator_backward]
    da, ds, dc = np.zeros((m, Tx, 2 * n_a)), np.zeros((n_s, m)), np.zeros((n_s, m))
    for t in reversed(range(len(steps))):
        attention_cache, cell_cache = steps[t]
        dz = dZ[:, t, :].T  # (n_y, m)
        post["dWy"] += dz @ cell_cache[0].T  # cell_cache[0] is s<t>
        post["dby"] += dz.sum(axis=1, keepdims=True)
        g = lstm_cell_backward(Wy.T @ dz + ds, dc, cell_cache)  # the output's gradient plus the carried one
        da_t, ds_prev, g_attention = one_step_attention_backward(g["dxt"].T[:, None, :], attention_cache)
        da += da_t  # every step attends to the same encoder states
        ds, dc = g["da_prev"] + ds_prev.T, g["dc_prev"]  # s<t-1> fed both the cell and the attention
        post = {k: v + g[k] if k in g else v for k, v in post.items()}
        attention = {k: v + g_attention[k] for k, v in attention.items()}
    da = da.transpose(2, 0, 1)  # (2 n_a, m, T_x)
    g_fwd = lstm_backward(da[:n_a], caches_fwd)
    g_bwd = lstm_backward(da[n_a:, :, ::-1], caches_bwd)  # the backward LSTM read the reversed sequence
    # --8<-- [end:translator_backward]
    encoder = [f"d{k}" for k in p["forward"]]
    return {"forward": {k: g_fwd[k] for k in encoder}, "backward": {k: g_bwd[k] for k in encoder},
            "attention": attention, "post": post}


def translator_cost(Y_hat: ArrayLike, Yoh: ArrayLike) -> float:
    r"""Cross-entropy of the $T_y$ outputs, summed over the steps and averaged over the examples.

    Parameters
    ----------
    Y_hat : array_like of shape (m, Ty, n_y)
        Probabilities from `translator_forward`.
    Yoh : array_like of shape (m, Ty, n_y)
        One-hot targets.

    Returns
    -------
    cost : float
        Finite even where a probability is 0.

    Raises
    ------
    ValueError
        If the shapes differ or `Yoh` holds NaN.

    Notes
    -----
    $$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{t=1}^{T_y} \sum_k y_k^{(i)\langle t \rangle} \log \hat y_k^{(i)\langle t \rangle}$$

    Examples
    --------
    >>> round(translator_cost(np.full((1, 2, 2), 0.5), np.eye(2)[None, [0, 1]]), 4)
    1.3863
    """
    Y_hat = as_float_array("Y_hat", Y_hat)
    if Y_hat.ndim != 3:
        raise ValueError(f"Y_hat has shape {Y_hat.shape}; expected (m, Ty, n_y).")
    Yoh = check_finite("Yoh", check_gradient("Yoh", Yoh, "Y_hat", Y_hat.shape))
    # --8<-- [start:translator_cost]
    log_p = np.log(np.clip(Y_hat, np.finfo(np.float64).tiny, 1.0))  # finite where a probability is 0
    return float(-np.sum(Yoh * log_p) / Y_hat.shape[0])
    # --8<-- [end:translator_cost]


def _pack(tree: Mapping[str, Mapping[str, NDArray[np.float64]]], prefix: str = "") -> dict[str, NDArray[np.float64]]:
    """Every weight in one row ``W1`` and every bias in one row ``b1``, the keys Adam expects.

    Adam updates each number on its own, so one row of all the weights is the same update.
    """
    keys = [(g, k) for g in GROUPS for k in sorted(tree[g])]
    W = [tree[g][k].ravel() for g, k in keys if k.lstrip("d")[0] == "W"]
    b = [tree[g][k].ravel() for g, k in keys if k.lstrip("d")[0] == "b"]
    return {f"{prefix}W1": np.concatenate(W)[None, :], f"{prefix}b1": np.concatenate(b)[None, :]}


def _unpack(packed: Mapping[str, NDArray[np.float64]], like: Mapping[str, Mapping[str, NDArray[np.float64]]]):
    """The inverse of `_pack`: views into the two rows, shaped as in `like`."""
    out, start = {g: {} for g in GROUPS}, {"W": 0, "b": 0}
    for g in GROUPS:
        for k in sorted(like[g]):
            kind, shape = k[0], like[g][k].shape
            size = int(np.prod(shape))
            out[g][k] = packed[f"{kind}1"][0, start[kind]:start[kind] + size].reshape(shape)
            start[kind] += size
    return out


def train_translator(Xoh: ArrayLike, Yoh: ArrayLike, parameters: dict[str, dict[str, NDArray[np.float64]]], rng: np.random.Generator,
                     epochs: int = 1, batch_size: int = 100, learning_rate: float = 0.005, print_cost: bool = False):
    r"""Train with `dlref.optimizers`' Adam on shuffled mini-batches; the cost is `translator_cost`.

    Parameters
    ----------
    Xoh : array_like of shape (m, T_x, n_x)
    Yoh : array_like of shape (m, Ty, n_y)
    parameters : dict
        The starting point, from `initialize_translator` (left unchanged).
    rng : numpy.random.Generator
        Shuffles the examples before each epoch.
    epochs : int, default 1
    batch_size : int, default 100
    learning_rate : float, default 0.005
        Adam's step size (the course's); $\beta_1 = 0.9$, $\beta_2 = 0.999$.
    print_cost : bool, default False
        Print the mean cost and the time of each epoch.

    Returns
    -------
    parameters : dict
        The trained parameters (new arrays).
    costs : list of float
        The cost of every mini-batch, before its update.

    Raises
    ------
    ValueError
        If the shapes do not fit or a count is not a positive integer.

    Notes
    -----
    The gradient of the cost with respect to the scores $z = W_y s + b_y$ is
    $dz = (\hat y - y)/m_{\text{batch}}$, softmax and cross-entropy together.

    Examples
    --------
    >>> p = initialize_translator(3, 2, np.random.default_rng(0), n_a=2, n_s=2, n_e=2)
    >>> Xoh, Yoh = np.eye(3)[None, [0, 2, 1]], np.eye(2)[None, [1, 0]]
    >>> _, costs = train_translator(Xoh, Yoh, p, np.random.default_rng(1), epochs=20, batch_size=1)
    >>> costs[-1] < costs[0]
    True
    """
    Xoh, rng = _check_Xoh(Xoh), check_generator("rng", rng)
    Yoh = check_finite("Yoh", as_float_array("Yoh", Yoh))
    if Yoh.ndim != 3 or Yoh.shape[0] != Xoh.shape[0]:
        raise ValueError(f"Yoh has shape {Yoh.shape}; expected (m, Ty, n_y) with the m = {Xoh.shape[0]} examples of Xoh.")
    epochs, batch_size = check_count("epochs", epochs, minimum=1), check_count("batch_size", batch_size, minimum=1)
    learning_rate = check_positive("learning_rate", learning_rate)
    p = _check_parameters(parameters, Xoh.shape[2])
    if p["post"]["Wy"].shape[0] != Yoh.shape[2]:
        raise ValueError(f"Yoh has shape {Yoh.shape}; expected n_y = {p['post']['Wy'].shape[0]} columns, the rows of Wy.")
    packed = _pack(p)
    v, s = initialize_adam(packed)
    costs, step, m = [], 0, Xoh.shape[0]
    for epoch in range(epochs):
        start, order = time.perf_counter(), rng.permutation(m)
        for k in range(0, m, batch_size):
            batch = order[k:k + batch_size]
            Y_hat, _, cache = translator_forward(Xoh[batch], _unpack(packed, p), Yoh.shape[1])
            costs.append(translator_cost(Y_hat, Yoh[batch]))
            grads = _pack(_backward_from_scores((Y_hat - Yoh[batch]) / len(batch), cache), prefix="d")
            step += 1
            packed, v, s = update_parameters_with_adam(packed, grads, v, s, step, learning_rate)
        if print_cost:
            n = -(-m // batch_size)
            print(f"epoch {epoch + 1}: cost {np.mean(costs[-n:]):.4f}, {time.perf_counter() - start:.1f} s", flush=True)
    return _unpack(packed, p), costs


def translate(dates: Sequence[str], parameters: dict[str, dict[str, NDArray[np.float64]]], Tx: int = 30, Ty: int = 10) -> list[str]:
    r"""Translate human-readable dates to ISO form with trained parameters (the most probable character at each step).

    Parameters
    ----------
    dates : list of str
        Dates as people write them.
    parameters : dict
        Trained parameters, e.g. from `load_translator`.
    Tx : int, default 30
    Ty : int, default 10

    Returns
    -------
    machine : list of str
        One string of `Ty` characters per date.

    Raises
    ------
    ValueError
        If `dates` is not a non-empty list of strings or the parameters do not fit the vocabulary.

    Examples
    --------
    >>> p = initialize_translator(42, 11, np.random.default_rng(0), n_a=2, n_s=2, n_e=2)
    >>> [len(s) for s in translate(["3 May 1979", "5/3/79"], p)]  # untrained: ten characters, not yet a date
    [10, 10]
    """
    if isinstance(dates, str) or not isinstance(dates, Sequence) or not dates or not all(isinstance(d, str) for d in dates):
        raise ValueError("dates must be a non-empty list of strings, e.g. ['3 May 1979'].")
    Tx = check_count("Tx", Tx, minimum=1)
    human_vocab, _, inv_machine_vocab = _vocabularies()
    Xoh = np.eye(len(human_vocab))[[string_to_int(d, Tx, human_vocab) for d in dates]]
    Y_hat, _, _ = translator_forward(Xoh, parameters, Ty)
    return ["".join(inv_machine_vocab[i] for i in row) for row in Y_hat.argmax(axis=2).tolist()]


def load_translator(path: str) -> dict[str, dict[str, NDArray[np.float64]]]:
    r"""Read parameters saved as ``"group/name"`` arrays of an ``.npz`` file, as float64.

    Parameters
    ----------
    path : str
        An ``.npz`` file such as ``examples/date_translator/weights.npz``.

    Returns
    -------
    parameters : dict
        The four groups of `initialize_translator`, checked to fit together.

    Raises
    ------
    ValueError
        If `path` is not a str or the arrays do not make a translator.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = initialize_translator(3, 2, np.random.default_rng(0), n_a=1, n_s=1, n_e=1)
    >>> path = str(pathlib.Path(tempfile.mkdtemp()) / "w.npz")
    >>> np.savez(path, **{f"{g}/{k}": v for g in p for k, v in p[g].items()})
    >>> load_translator(path)["post"]["Wy"].shape
    (2, 1)
    """
    if not isinstance(path, str):
        raise ValueError(f"path must be a str naming an .npz file, got {type(path).__name__}.")
    with np.load(path) as saved:
        tree: dict[str, dict[str, NDArray[np.float64]]] = {g: {} for g in GROUPS}
        for key in saved.files:
            group, name = key.split("/")
            tree.setdefault(group, {})[name] = saved[key].astype(np.float64)
    return _check_parameters(tree)
