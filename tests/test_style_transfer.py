"""Style transfer: unrolling without scrambling channels, costs against autograd, their gradients."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import style_transfer as st


def activations(shape=(1, 3, 4, 5), seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(shape), rng.standard_normal(shape)


def test_unrolling_keeps_each_channel_in_its_row():
    a = np.zeros((1, 2, 3, 2))
    a[..., 0] = 1.0  # channel 0 fires everywhere, channel 1 nowhere
    G = st.gram_matrix(st.unroll(a))
    assert_allclose(G, [[6.0, 0.0], [0.0, 0.0]])
    scrambled = st.gram_matrix(a.reshape(2, -1))  # the common mistake: reshape straight to (n_C, n_H n_W)
    assert not np.allclose(scrambled, G)


def test_gram_matrix_is_the_matrix_of_channel_dot_products():
    A = np.random.default_rng(1).standard_normal((4, 7))
    G = st.gram_matrix(A)
    for k in range(4):
        for j in range(4):
            assert G[k, j] == pytest.approx(np.dot(A[k], A[j]))


@pytest.mark.parametrize("shape", [(1, 3, 4, 5), (1, 2, 2, 1), (1, 5, 1, 3)])
def test_costs_and_gradients_match_autograd(shape):
    a_X, a_G = activations(shape)
    _, n_H, n_W, n_C = shape

    def content(g):  # the course's formulas, written independently
        return anp.sum((a_X - g) ** 2) / (4 * n_H * n_W * n_C)

    def style(g):
        A_S = anp.transpose(anp.reshape(a_X, (n_H * n_W, n_C)))
        A_G = anp.transpose(anp.reshape(g, (n_H * n_W, n_C)))
        return anp.sum((A_S @ A_S.T - A_G @ A_G.T) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)

    assert st.compute_content_cost(a_X, a_G) == pytest.approx(float(content(a_G)))
    assert st.compute_layer_style_cost(a_X, a_G) == pytest.approx(float(style(a_G)))
    assert_allclose(st.compute_content_cost_backward(a_X, a_G), grad(content)(a_G), rtol=1e-12)
    assert_allclose(st.compute_layer_style_cost_backward(a_X, a_G), grad(style)(a_G), rtol=1e-10, atol=1e-14)


def test_style_cost_weights_the_layers_and_total_cost_weights_the_parts():
    (a1, g1), (a2, g2) = activations((1, 2, 2, 3), 0), activations((1, 4, 4, 2), 1)
    J = st.compute_style_cost([a1, a2], [g1, g2], [0.3, 0.7])
    assert J == pytest.approx(0.3 * st.compute_layer_style_cost(a1, g1) + 0.7 * st.compute_layer_style_cost(a2, g2))
    assert st.total_cost(2.0, 3.0) == 10 * 2.0 + 40 * 3.0
    assert st.total_cost(2.0, 3.0, alpha=1, beta=0) == 2.0


def test_identical_images_cost_nothing():
    a, _ = activations()
    assert st.compute_content_cost(a, a) == 0.0 and st.compute_layer_style_cost(a, a) == 0.0


def test_bad_input_is_named():
    a, g = activations()
    with pytest.raises(ValueError, match=r"a_C has shape \(1, 3, 4, 5\) and a_G has shape \(1, 3, 4, 4\)"):
        st.compute_content_cost(a, g[..., :4])
    with pytest.raises(ValueError, match=r"a_S has shape \(3, 4, 5\) \(3-D\)"):
        st.compute_layer_style_cost(a[0], g)
    with pytest.raises(ValueError, match="one entry per layer"):
        st.compute_style_cost([a], [g, g], [1.0])
    with pytest.raises(ValueError, match=r"A has shape \(5,\), a rank-1 array"):
        st.gram_matrix(np.ones(5))
