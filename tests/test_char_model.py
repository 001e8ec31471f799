"""Character-level language model: clipping, sampling, one training step, the training loop."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref import char_model as cm
from gradcheck import numerical_gradient, relative_error

CHARS = ["\n", "a", "b", "c"]
C2I = {c: i for i, c in enumerate(CHARS)}


def parameters(n_a=5, vocab=4, seed=0, scale=0.5):
    rng = np.random.default_rng(seed)
    return {"Wax": scale * rng.standard_normal((n_a, vocab)), "Waa": scale * rng.standard_normal((n_a, n_a)),
            "Wya": scale * rng.standard_normal((vocab, n_a)), "ba": scale * rng.standard_normal((n_a, 1)),
            "by": scale * rng.standard_normal((vocab, 1))}


def test_clip_bounds_every_entry_and_returns_new_arrays():
    g = {"dWax": np.array([[-10.0, 0.5]]), "dby": np.array([[7.0], [-0.1]])}
    before = {k: v.copy() for k, v in g.items()}
    out = cm.clip(g, 5.0)
    assert_allclose(out["dWax"], [[-5.0, 0.5]])
    assert_allclose(out["dby"], [[5.0], [-0.1]])
    assert all(np.array_equal(before[k], g[k]) for k in g) and out["dWax"] is not g["dWax"]


def test_clip_rejects_nan_and_a_non_positive_bound():
    with pytest.raises(ValueError, match="dWaa.*NaN"):
        cm.clip({"dWaa": np.array([[np.nan]])}, 5)
    with pytest.raises(ValueError, match="maxValue must be greater than 0"):
        cm.clip({"dWaa": np.ones((1, 1))}, -1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_optimize_gradients_are_the_gradients_of_its_loss(seed):
    p = parameters(seed=seed)
    X, Y = [None, 1, 2, 3, 1], [1, 2, 3, 1, 0]
    a0 = np.random.default_rng(seed + 5).standard_normal((5, 1))
    loss, g, _, _ = cm.optimize(X, Y, a0, p, maxValue=1e9)  # no clipping: the exact gradient
    for key in p:
        num = numerical_gradient(lambda v: cm.optimize(X, Y, a0, {**p, key: v}, maxValue=1e9)[0], p[key])
        assert relative_error(g["d" + key], num) < 1e-7, key


def test_optimize_loss_is_the_summed_cross_entropy_and_the_update_uses_clipped_gradients():
    p = parameters(seed=3, scale=3.0)
    X, Y = [None, 1, 2], [1, 2, 0]
    before = {k: v.copy() for k, v in p.items()}
    loss, g, a_last, new = cm.optimize(X, Y, np.zeros((5, 1)), p, learning_rate=0.1, maxValue=0.5)
    from dlref.rnn import rnn_forward

    x = np.zeros((4, 1, 3))
    x[1, 0, 1], x[2, 0, 2] = 1, 1
    a, y_hat, _ = rnn_forward(x, np.zeros((5, 1)), p)
    assert_allclose(loss, -sum(np.log(y_hat[Y[t], 0, t]) for t in range(3)))
    assert_allclose(a_last, a[:, :, -1])
    assert max(np.abs(v).max() for v in g.values()) <= 0.5
    for k in p:
        assert_allclose(new[k], p[k] - 0.1 * g["d" + k])
        assert np.array_equal(before[k], p[k])  # the argument is untouched


def test_sample_draws_each_character_from_the_predicted_distribution():
    p = {k: np.zeros_like(v) for k, v in parameters().items()}
    probs = np.array([0.4, 0.3, 0.2, 0.1])
    p["by"] = np.log(probs)[:, None]  # with zero weights every step predicts softmax(by) = probs
    rng = np.random.default_rng(0)
    first = [cm.sample(p, C2I, rng)[0] for _ in range(2000)]
    assert_allclose(np.bincount(first, minlength=4) / 2000, probs, atol=0.03)


def test_sample_stops_at_a_newline_or_after_max_length():
    p = {k: np.zeros_like(v) for k, v in parameters().items()}
    p["by"] = np.array([[-1000.0], [1000.0], [0.0], [0.0]])  # never a newline, always "a"
    out = cm.sample(p, C2I, np.random.default_rng(0), max_length=50)
    assert out == [1] * 50 + [0]  # the course appends the newline once 50 characters are drawn
    p["by"] = np.array([[1000.0], [0.0], [0.0], [0.0]])
    assert cm.sample(p, C2I, np.random.default_rng(0)) == [0]


def test_sample_needs_a_generator_and_a_newline():
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        cm.sample(parameters(), C2I, 0)
    with pytest.raises(ValueError, match="must hold"):
        cm.sample(parameters(), {"a": 0, "b": 1, "c": 2, "d": 3}, np.random.default_rng(0))


def test_model_lowers_the_smoothed_loss_and_is_reproducible():
    words = ["abc", "cab", "bca", "aab"]
    p1, losses = cm.model(words, C2I, np.random.default_rng(0), num_iterations=400, n_a=8, learning_rate=0.05)
    p2, again = cm.model(words, C2I, np.random.default_rng(0), num_iterations=400, n_a=8, learning_rate=0.05)
    assert losses[0] == pytest.approx(0.999 * -7 * np.log(1 / 4) + 0.001 * -4 * np.log(1 / 4), rel=1e-3)
    assert losses[-1] < losses[0] - 1.0
    assert losses == again and all(np.array_equal(p1[k], p2[k]) for k in p1)


def test_model_rejects_characters_outside_the_vocabulary():
    with pytest.raises(ValueError, match=r"missing from char_to_ix: \['z'\]"):
        cm.model(["az"], C2I, np.random.default_rng(0), num_iterations=1)


def test_the_page_model_learns_names():
    """The figure's claim: trained on the package's first names, the loss falls well below guessing."""
    from figures_course5 import train_char_model

    words, losses, generated = train_char_model(num_iterations=800)
    assert len(words) > 5000
    assert losses[-1] < losses[0] - 1.0
    assert all(name.isalpha() for name in generated)
