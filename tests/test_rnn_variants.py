"""Bidirectional and deep RNNs: what each state may depend on, agreement with the basic RNN, and
the backward passes against centred differences, autograd and their plausible wrong versions."""

from __future__ import annotations

import copy

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import softmax as scipy_softmax

from dlref import rnn, rnn_variants as rv
from dlref.check._mistakes_course5 import brnn_backward_in_sequence_order, deep_rnn_backward_top_layer_only
from gradcheck import numerical_gradient, relative_error


def layer(rng, n_a, n_in):
    return {"Wax": rng.standard_normal((n_a, n_in)), "Waa": rng.standard_normal((n_a, n_a)) / np.sqrt(n_a),
            "ba": rng.standard_normal((n_a, 1))}


def brnn_problem(seed, n_x=3, n_a=4, n_y=2, m=5, T_x=6):
    rng = np.random.default_rng(seed)
    p = {"forward": layer(rng, n_a, n_x), "backward": layer(rng, n_a, n_x),
         "Wy": rng.standard_normal((n_y, 2 * n_a)), "by": rng.standard_normal((n_y, 1))}
    return p, rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m))


@pytest.mark.parametrize("seed", [0, 1])
def test_each_direction_sees_only_its_side_of_the_sequence(seed):
    p, x, a0_f, a0_b = brnn_problem(seed)
    a_f, a_b, _, _ = rv.brnn_forward(x, a0_f, a0_b, p)
    x2 = x.copy()
    x2[:, :, 3] += 5.0  # change step 3
    a_f2, a_b2, _, _ = rv.brnn_forward(x2, a0_f, a0_b, p)
    assert_allclose(a_f2[:, :, :3], a_f[:, :, :3], rtol=1e-14)  # the forward chain has not read it yet
    assert_allclose(a_b2[:, :, 4:], a_b[:, :, 4:], rtol=1e-14)  # the backward chain read it after these
    assert np.abs(a_f2[:, :, 3:] - a_f[:, :, 3:]).min() > 0 and np.abs(a_b2[:, :, :4] - a_b[:, :, :4]).max() > 1e-3


def test_the_backward_chain_is_the_basic_rnn_on_the_reversed_sequence():
    p, x, a0_f, a0_b = brnn_problem(2)
    a_f, a_b, y_pred, _ = rv.brnn_forward(x, a0_f, a0_b, p)
    out = {"Wya": np.zeros((1, 4)), "by": np.zeros((1, 1))}
    assert_allclose(a_f, rnn.rnn_forward(x, a0_f, p["forward"] | out)[0], rtol=1e-14)
    reversed_states = rnn.rnn_forward(x[:, :, ::-1], a0_b, p["backward"] | out)[0]
    assert_allclose(a_b, reversed_states[:, :, ::-1], rtol=1e-14)
    for t in range(x.shape[2]):
        logits = p["Wy"] @ np.concatenate([a_f[:, :, t], a_b[:, :, t]]) + p["by"]
        assert_allclose(y_pred[:, :, t], scipy_softmax(logits, axis=0), rtol=1e-12)


def test_a_one_layer_deep_rnn_is_the_basic_rnn_and_layer_2_reads_layer_1():
    rng = np.random.default_rng(0)
    layers = [layer(rng, 4, 3), layer(rng, 5, 4)]
    x, a0 = rng.standard_normal((3, 2, 6)), [rng.standard_normal((4, 2)), rng.standard_normal((5, 2))]
    Wy, by = rng.standard_normal((2, 5)), rng.standard_normal((2, 1))
    a, y_pred, _ = rv.deep_rnn_forward(x, a0, {"layers": layers, "Wy": Wy, "by": by})
    first = rnn.rnn_forward(x, a0[0], layers[0] | {"Wya": np.zeros((1, 4)), "by": np.zeros((1, 1))})[0]
    assert_allclose(a[0], first, rtol=1e-14)
    second, y_basic, _ = rnn.rnn_forward(first, a0[1], layers[1] | {"Wya": Wy, "by": by})
    assert_allclose(a[1], second, rtol=1e-14)
    assert_allclose(y_pred, y_basic, rtol=1e-12)


def test_bad_input_is_rejected():
    p, x, a0_f, a0_b = brnn_problem(0)
    with pytest.raises(ValueError, match=r"x has shape \(3, 5\)"):
        rv.brnn_forward(x[:, :, 0], a0_f, a0_b, p)
    with pytest.raises(ValueError, match=r"Wy has shape \(2, 4\); expected shape \(\?, 8\)"):
        rv.brnn_forward(x, a0_f, a0_b, p | {"Wy": p["Wy"][:, :4]})
    with pytest.raises(ValueError, match="one initial state per layer"):
        rv.deep_rnn_forward(x, [a0_f], {"layers": [p["forward"]] * 2, "Wy": p["Wy"], "by": p["by"]})


# ---------------------------------------------------------------- backward passes

BRNN_SHAPES = [(3, 4, 2, 5, 6), (2, 3, 3, 2, 4), (1, 2, 2, 1, 1)]  # n_x, n_a, n_y, m, T_x
DEEP_SHAPES = [(3, [4], 2, 3, 4), (3, [4, 3], 3, 2, 5), (2, [3, 2, 3], 2, 2, 3)]  # n_x, n_a per layer, n_y, m, T_x


def deep_problem(seed, n_x, sizes, n_y, m, T_x):
    rng = np.random.default_rng(seed)
    p = {"layers": [layer(rng, n_a, n_in) for n_in, n_a in zip([n_x] + sizes[:-1], sizes)],
         "Wy": rng.standard_normal((n_y, sizes[-1])), "by": rng.standard_normal((n_y, 1))}
    return p, rng.standard_normal((n_x, m, T_x)), [rng.standard_normal((n_a, m)) for n_a in sizes]


def leaves(tree, path=()):
    """Every array of a nested parameter dict, with its path: ("forward", "Wax"), ("layers", 1, "ba"), ("Wy",)."""
    if isinstance(tree, dict):
        return [leaf for key, value in tree.items() for leaf in leaves(value, path + (key,))]
    if isinstance(tree, list):
        return [leaf for i, value in enumerate(tree) for leaf in leaves(value, path + (i,))]
    return [(path, tree)]


def at(tree, path):
    for key in path:
        tree = tree[key]
    return tree


def with_leaf(tree, path, value):
    """A copy of the nested parameters with the array at `path` replaced."""
    if not path:
        return value
    if isinstance(tree, list):
        return [with_leaf(v, path[1:], value) if i == path[0] else v for i, v in enumerate(tree)]
    return {k: with_leaf(v, path[1:], value) if k == path[0] else v for k, v in tree.items()}


def gradient_of(g, path):
    """The entry of a gradients dict that belongs to the parameter at `path`: ("forward", "Wax") -> g["forward"]["dWax"]."""
    return at(g, path[:-1] + ("d" + path[-1],))


def brnn_errors(backward, p, x, a0_f, a0_b, G):
    """Relative error of every gradient `backward` returns against centred differences of sum(G * y_pred)."""
    g = backward(G, rv.brnn_forward(x, a0_f, a0_b, p)[3])
    J = lambda x_, f_, b_, p_: np.sum(G * rv.brnn_forward(x_, f_, b_, p_)[2])  # noqa: E731
    errors = {("dx",): relative_error(g["dx"], numerical_gradient(lambda v: J(v, a0_f, a0_b, p), x)),
              ("da0_f",): relative_error(g["da0_f"], numerical_gradient(lambda v: J(x, v, a0_b, p), a0_f)),
              ("da0_b",): relative_error(g["da0_b"], numerical_gradient(lambda v: J(x, a0_f, v, p), a0_b))}
    for path, value in leaves(p):
        errors[path] = relative_error(gradient_of(g, path), numerical_gradient(lambda v: J(x, a0_f, a0_b, with_leaf(p, path, v)), value))
    return errors


def deep_errors(backward, p, x, a0, G):
    """Relative error of every gradient `backward` returns against centred differences of sum(G * y_pred)."""
    g = backward(G, rv.deep_rnn_forward(x, a0, p)[2])
    J = lambda x_, a0_, p_: np.sum(G * rv.deep_rnn_forward(x_, a0_, p_)[1])  # noqa: E731
    errors = {("dx",): relative_error(g["dx"], numerical_gradient(lambda v: J(v, a0, p), x))}
    for l, a0_l in enumerate(a0):
        replace = lambda v, l=l: [v if k == l else s for k, s in enumerate(a0)]  # noqa: E731
        errors[("da0", l)] = relative_error(g["da0"][l], numerical_gradient(lambda v: J(x, replace(v), p), a0_l))
    for path, value in leaves(p):
        errors[path] = relative_error(gradient_of(g, path), numerical_gradient(lambda v: J(x, a0, with_leaf(p, path, v)), value))
    return errors


@pytest.mark.parametrize("shape", BRNN_SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_brnn_backward_gradient_check_of_every_parameter_x_and_both_initial_states(shape, seed):
    p, x, a0_f, a0_b = brnn_problem(seed, *shape)
    G = np.random.default_rng(100 + seed).standard_normal((shape[2], shape[3], shape[4]))  # a random upstream dy
    errors = brnn_errors(rv.brnn_backward, p, x, a0_f, a0_b, G)
    assert len(errors) == 3 + 8  # dx, da0_f, da0_b; Wax, Waa, ba of both chains; Wy, by
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("shape", DEEP_SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_deep_rnn_backward_gradient_check_of_every_layer_x_and_every_initial_state(shape, seed):
    n_x, sizes, n_y, m, T_x = shape
    p, x, a0 = deep_problem(seed, *shape)
    G = np.random.default_rng(200 + seed).standard_normal((n_y, m, T_x))
    errors = deep_errors(rv.deep_rnn_backward, p, x, a0, G)
    assert len(errors) == 1 + 4 * len(sizes) + 2  # dx; da0, Wax, Waa, ba per layer; Wy, by
    assert max(errors.values()) < 1e-7, errors


def anp_softmax_layer(states, Wy, by):
    n, m, T = states.shape
    z = anp.dot(Wy, anp.reshape(states, (n, m * T))) + by
    e = anp.exp(z - anp.max(z, axis=0, keepdims=True))
    return anp.reshape(e / anp.sum(e, axis=0, keepdims=True), (-1, m, T))


def anp_chain(x, a0, layer_, reverse=False):
    """The states of one recurrent chain in autograd's NumPy, written afresh; `reverse` reads from the last step."""
    steps = range(x.shape[2] - 1, -1, -1) if reverse else range(x.shape[2])
    a, states = a0, {}
    for t in steps:
        a = anp.tanh(anp.dot(layer_["Waa"], a) + anp.dot(layer_["Wax"], x[:, :, t]) + layer_["ba"])
        states[t] = a
    return anp.stack([states[t] for t in range(x.shape[2])], axis=2)


def assert_trees_close(ours, theirs, paths):
    for path in paths:
        assert_allclose(at(ours, path), at(theirs, path), rtol=1e-10, atol=1e-12, err_msg=str(path))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_brnn_backward_agrees_with_autograd(seed):
    p, x, a0_f, a0_b = brnn_problem(seed)
    G = np.random.default_rng(300 + seed).standard_normal((2, 5, 6))

    def loss(x_, f_, b_, p_):
        states = anp.concatenate([anp_chain(x_, f_, p_["forward"]), anp_chain(x_, b_, p_["backward"], reverse=True)], axis=0)
        return anp.sum(G * anp_softmax_layer(states, p_["Wy"], p_["by"]))

    g = rv.brnn_backward(G, rv.brnn_forward(x, a0_f, a0_b, p)[3])
    dx, df, db, dp = (grad(loss, i)(x, a0_f, a0_b, p) for i in range(4))
    theirs = {"dx": dx, "da0_f": df, "da0_b": db} | {k: {"d" + n: v for n, v in dp[k].items()} for k in ("forward", "backward")}
    theirs |= {"dWy": dp["Wy"], "dby": dp["by"]}
    assert_trees_close(g, theirs, [("dx",), ("da0_f",), ("da0_b",), ("dWy",), ("dby",)]
                       + [(k, n) for k in ("forward", "backward") for n in ("dWax", "dWaa", "dba")])


@pytest.mark.parametrize("seed", [0, 1])
def test_deep_rnn_backward_agrees_with_autograd(seed):
    p, x, a0 = deep_problem(seed, *DEEP_SHAPES[2])
    G = np.random.default_rng(400 + seed).standard_normal((2, 2, 3))

    def loss(x_, a0_, p_):
        states = x_
        for a0_l, layer_ in zip(a0_, p_["layers"]):
            states = anp_chain(states, a0_l, layer_)
        return anp.sum(G * anp_softmax_layer(states, p_["Wy"], p_["by"]))

    g = rv.deep_rnn_backward(G, rv.deep_rnn_forward(x, a0, p)[2])
    dx, da0, dp = (grad(loss, i)(x, a0, p) for i in range(3))
    theirs = {"dx": dx, "da0": da0, "dWy": dp["Wy"], "dby": dp["by"],
              "layers": [{"d" + n: v for n, v in layer_.items()} for layer_ in dp["layers"]]}
    assert_trees_close(g, theirs, [("dx",), ("dWy",), ("dby",)] + [("da0", l) for l in range(3)]
                       + [("layers", l, n) for l in range(3) for n in ("dWax", "dWaa", "dba")])


def brnn_backward_dx_not_realigned(dy, caches):
    """Wrong: the backward chain's gradient runs in its own order, but its dx is not turned back into the sequence's."""
    g = rv.brnn_backward(dy, caches)
    (_, da_b), _, _ = rv._predict_backward(dy, caches[2], "brnn_forward", 2)
    dx_b = rnn.rnn_backward(da_b[:, :, ::-1], caches[1])["dx"]  # in the backward chain's order of steps
    return g | {"dx": g["dx"] - dx_b[:, :, ::-1] + dx_b}


@pytest.mark.parametrize("wrong, wrong_entries", [
    (brnn_backward_in_sequence_order, [("dx",), ("da0_b",), ("backward", "Wax"), ("backward", "Waa"), ("backward", "ba")]),
    (brnn_backward_dx_not_realigned, [("dx",)]),
])
def test_the_gradient_check_catches_a_backward_chain_not_reversed_in_time(wrong, wrong_entries):
    p, x, a0_f, a0_b = brnn_problem(3)
    G = np.random.default_rng(5).standard_normal((2, 5, 6))
    errors = brnn_errors(wrong, p, x, a0_f, a0_b, G)
    assert min(errors[path] for path in wrong_entries) > 1e-2, errors
    assert max(e for path, e in errors.items() if path not in wrong_entries) < 1e-7, errors  # the rest is right


def test_a_gradient_at_one_step_reaches_the_inputs_on_each_chains_side_only():
    """dy only at step t0: through the forward chain it reaches x at steps <= t0, through the backward chain x at >= t0."""
    p, x, a0_f, a0_b = brnn_problem(4)
    G, t0 = np.zeros((2, 5, 6)), 2
    G[:, :, t0] = np.random.default_rng(6).standard_normal((2, 5))
    only = {side: with_leaf(p, (other, "Wax"), np.zeros((4, 3))) for side, other in (("forward", "backward"), ("backward", "forward"))}
    dx_f = rv.brnn_backward(G, rv.brnn_forward(x, a0_f, a0_b, only["forward"])[3])["dx"]
    dx_b = rv.brnn_backward(G, rv.brnn_forward(x, a0_f, a0_b, only["backward"])[3])["dx"]
    assert np.all(dx_f[:, :, t0 + 1:] == 0) and np.abs(dx_f[:, :, :t0 + 1]).min() > 0
    assert np.all(dx_b[:, :, :t0] == 0) and np.abs(dx_b[:, :, t0:]).min() > 0


def test_the_gradient_check_catches_a_deep_rnn_that_passes_nothing_down_the_stack():
    p, x, a0 = deep_problem(7, *DEEP_SHAPES[2])
    G = np.random.default_rng(8).standard_normal((2, 2, 3))
    errors = deep_errors(deep_rnn_backward_top_layer_only, p, x, a0, G)
    below = [("dx",)] + [path for path in errors if path[0] in ("layers", "da0") and path[1] < 2]
    assert len(below) == 1 + 2 * 4 and min(errors[path] for path in below) > 0.5, errors  # nothing reaches them
    assert max(e for path, e in errors.items() if path not in below) < 1e-7, errors  # the top layer and Wy, by are right


def test_backward_rejects_a_dy_of_the_wrong_shape_and_caches_it_did_not_make():
    p, x, a0_f, a0_b = brnn_problem(0)
    caches = rv.brnn_forward(x, a0_f, a0_b, p)[3]
    with pytest.raises(ValueError, match=r"dy has shape \(2, 5\); expected the shape of y_pred, \(2, 5, 6\)"):
        rv.brnn_backward(np.zeros((2, 5)), caches)
    with pytest.raises(ValueError, match=r"dy has shape \(6, 5, 2\)"):
        rv.brnn_backward(np.zeros((6, 5, 2)), caches)
    with pytest.raises(ValueError, match="caches must be the tuple of 3 values returned by brnn_forward"):
        rv.brnn_backward(np.zeros((2, 5, 6)), caches[:2])
    deep_caches = rv.deep_rnn_forward(x, [a0_f], {"layers": [p["forward"]], "Wy": p["Wy"][:, :4], "by": p["by"]})[2]
    with pytest.raises(ValueError, match="caches must be the tuple of 2 values returned by deep_rnn_forward"):
        rv.deep_rnn_backward(np.zeros((2, 5, 6)), caches)
    with pytest.raises(ValueError, match="caches must be the tuple of 3 values returned by brnn_forward"):
        rv.brnn_backward(np.zeros((2, 5, 6)), deep_caches)
    with pytest.raises(ValueError, match=r"dy has shape \(2, 5, 7\)"):
        rv.deep_rnn_backward(np.zeros((2, 5, 7)), deep_caches)


def test_backward_modifies_neither_dy_nor_the_caches():
    p, x, a0 = deep_problem(1, *DEEP_SHAPES[1])
    caches = rv.deep_rnn_forward(x, a0, p)[2]
    G = np.random.default_rng(9).standard_normal((3, 2, 5))
    before = copy.deepcopy((G, caches))
    rv.deep_rnn_backward(G, caches)
    for (_, old), (_, new) in zip(leaves_of(before), leaves_of((G, caches))):
        assert_array_equal(old, new)


def leaves_of(value, path=()):
    """Every array inside nested tuples, lists and dicts."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in leaves_of(v, path + (k,))]
    if isinstance(value, (list, tuple)):
        return [leaf for i, v in enumerate(value) for leaf in leaves_of(v, path + (i,))]
    return [(path, value)] if isinstance(value, np.ndarray) else []
