"""Bidirectional and deep RNNs: what each state may depend on, and agreement with the basic RNN."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import softmax as scipy_softmax

from dlref import rnn, rnn_variants as rv


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
