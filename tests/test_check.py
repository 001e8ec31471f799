"""dlref.check tells a learner what is wrong: each diagnosis on a function that has that fault."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import warnings

import numpy as np
import pytest

import dlref.check as check
from conftest import ROOT
from dlref import dropout, layers, logistic_regression, optimizers
from dlref.check import CANDIDATES
from dlref.check._cases import SPECS
from dlref.check.__main__ import main

KNOWN = [(spec, mistake) for spec in SPECS for mistake in spec.mistakes]


def assignment_sections() -> dict[str, str]:
    """The assignment map's text under each ``## Course …`` heading."""
    text = (ROOT / "docs" / "assignments.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (Course \d)[^\n]*\n", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


# Course 3 has no programming assignment: its section maps lecture examples, not functions a
# learner writes, so it needs no check.
WITHOUT_ASSIGNMENTS = {"Course 3"}


def test_the_assignment_map_has_its_course_sections():
    assert {"Course 1", "Course 2", "Course 3"} <= set(assignment_sections())


def test_every_dlref_function_of_the_assignment_map_has_a_check():
    text = "".join(body for course, body in assignment_sections().items() if course not in WITHOUT_ASSIGNMENTS)
    mapped = set(re.findall(r"\(api/\w+\.md#(dlref\.\w+\.\w+)\)", text))
    assert len(mapped) >= 40
    checked = {spec.qualname for spec in SPECS}
    assert mapped <= checked, sorted(mapped - checked)


def test_every_check_is_public_and_every_assignment_name_finds_one():
    for spec in SPECS:
        assert spec.name in check.__all__ and getattr(check, spec.name).__name__ == spec.name
    for name in ("predict", "compute_cost", "update_parameters", "linear_backward", "update_parameters_with_gd",
                 "forward_propagation", "backward_propagation", "softmax"):
        assert name in CANDIDATES


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_the_reference_passes_its_own_check(spec):
    report = getattr(check, spec.name)(spec.reference)
    assert report, str(report)
    assert report.cases >= 2 and report.wrong == 0 and "✗" not in str(report)


@pytest.mark.parametrize("spec, mistake", KNOWN, ids=[f"{s.name}-{m.id}" for s, m in KNOWN])
def test_each_known_mistake_gets_exactly_its_diagnosis(spec, mistake):
    report = getattr(check, spec.name)(mistake.wrong)
    assert not report
    assert report.mistakes == (mistake.id,), str(report)
    assert mistake.says in str(report) and mistake.right in str(report) and spec.page in str(report)
    assert str(getattr(check, spec.name)(mistake.wrong)) == str(report)  # the same text every time


def test_the_known_mistakes_cover_the_pitfalls_and_the_errata_of_courses_1_and_2():
    cited = {m.errata for _, m in KNOWN if m.errata}
    errata = "".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs").glob("errata*.md"))
    for sections in cited:
        assert f"| {sections} |" in errata, sections
    assert len(KNOWN) >= 30 and len({s.name for s, _ in KNOWN}) >= 20


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_each_check_links_to_the_functions_entry_on_its_page(spec):
    page, anchor = spec.page.split("#")
    assert f"::: {anchor}\n" in (ROOT / page).read_text(encoding="utf-8")


def test_the_page_lists_every_check_with_its_reference_and_number_of_known_mistakes():
    page = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| \[`([\w.]+)`\]\(([^)]+)\) \| (\d+|—) \|$", page, re.MULTILINE)
    assert rows == [(s.name, s.qualname, s.page.removeprefix("docs/"), str(len(s.mistakes)) if s.mistakes else "—")
                    for s in SPECS]


def _randomized(value, rng):
    if isinstance(value, dict):
        return {k: _randomized(v, rng) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_randomized(v, rng) for v in value)
    if isinstance(value, list):
        return [_randomized(v, rng) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return rng.standard_normal(value.shape)
    if isinstance(value, float):
        return float(rng.standard_normal())
    return value


RANDOMIZABLE = [spec for spec in SPECS if spec.name not in {"layer_sizes", "initialize_parameters_zeros", "initialize_velocity",
                                                             "initialize_rmsprop", "initialize_adam", "initialize_with_zeros"}]
# integers and masks: nothing to randomize
RANDOMIZABLE = [spec for spec in RANDOMIZABLE if spec.name not in {"conv_output_size", "conv_parameter_count",
                                                                  "create_mask_from_window", "cnn_predict"}]

# outputs that are words, tokens or token ids, which noise of the right shape leaves as they are
RANDOMIZABLE = [spec for spec in RANDOMIZABLE if spec.name not in {"complete_analogy", "ctc_collapse", "sample"}]


@pytest.mark.parametrize("spec", RANDOMIZABLE, ids=lambda spec: spec.name)
def test_random_numbers_of_the_right_shape_fail_with_no_specific_diagnosis(spec):
    def noise(*args, **kwargs):
        return _randomized(spec.reference(*args, **kwargs), np.random.default_rng(123))

    noise.__signature__ = __import__("inspect").signature(spec.reference)
    report = getattr(check, spec.name)(noise)
    assert not report and report.wrong > 0 and report.mistakes == (), str(report)


def _linear_backward(scale_dW=1.0, scale_db=1.0, transpose=False, rank1=False):
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        m = A_prev.shape[1]
        dW = scale_dW * dZ @ A_prev.T / m
        db = scale_db * np.sum(dZ, axis=1, keepdims=not rank1) / m
        return W.T @ dZ, dW.T if transpose else dW, db
    return linear_backward


def test_a_missing_one_over_m_is_named_as_the_factor_m():
    report = check.propagate_loop(lambda w, b, X, Y: _times_m_dw(w, b, X, Y))
    assert "factor" in report.problems and 'grads["dw"] is m times the right value on every case' in str(report)


def _times_m_dw(w, b, X, Y):
    grads, cost = logistic_regression.propagate(w, b, X, Y)
    return {"dw": grads["dw"] * X.shape[1], "db": grads["db"]}, cost


@pytest.mark.parametrize("scale, words", [(2.0, "is 2 times the right value"), (-1.0, "has the wrong sign")])
def test_a_constant_factor_and_a_sign_are_named(scale, words):
    report = check.linear_backward(_linear_backward(scale_db=scale))
    assert not report and f"db {words} on every case" in str(report) and report.mistakes == ()


def test_dividing_by_keep_prob_twice_is_named():
    def dropout_backward(dA, D, keep_prob):
        return dA * D / keep_prob / keep_prob

    report = check.dropout_backward(dropout_backward)
    assert "is 1/keep_prob times the right value on every case" in str(report)
    assert report.wrong == 2  # right where keep_prob = 1


def test_a_transposed_output_is_named():
    report = check.linear_forward(lambda A, W, b: ((W @ A + b).T, (A, W, b)))
    assert report.problems == ("shape",) and "it is the transpose of the right value" in str(report)


def test_a_reference_call_on_a_transposed_cache_is_a_shape_error_with_the_inputs():
    def linear_backward(dZ, cache):
        A_prev, W, b = cache
        return layers.linear_backward(dZ, (A_prev.T, W, b))

    report = check.linear_backward(linear_backward)
    text = str(report)
    assert "raised" in report.problems and "ValueError" in text and "dZ (3, 5), cache ((4, 5), (3, 4), (3, 1))" in text
    assert "test_check.py line" in text and "Traceback" not in text and "dlref/layers.py" not in text


def test_the_output_order_is_named():
    def linear_backward(dZ, cache):
        dA_prev, dW, db = layers.linear_backward(dZ, cache)
        return dW, db, dA_prev

    report = check.linear_backward(linear_backward)
    assert report.problems == ("order",) and "returns (dW, db, dA_prev) where dlref returns (dA_prev, dW, db)" in str(report)


def test_a_cost_as_an_array_is_the_wrong_type_but_numpy_float64_is_fine():
    from dlref.deep_network import compute_cost

    assert check.deep_network_compute_cost(lambda AL, Y: np.float64(compute_cost(AL, Y)))
    report = check.logistic_cost(lambda Z, Y: np.array(logistic_regression.logistic_cost(Z, Y)))
    assert report.problems == ("type",) and "is an array of shape (), not a float" in str(report)


def test_wrong_only_at_the_edge_cases():
    def sigmoid(Z):
        with np.errstate(all="ignore"):
            return np.exp(Z) / (1 + np.exp(Z))  # inf / inf at z = 1000

    report = check.sigmoid(sigmoid)
    assert report.wrong == 1 and "is right on the random cases but wrong on the edge cases" in str(report)


def test_changing_an_input_in_place_is_named():
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        for key in v:
            v[key] *= beta
            v[key] += (1 - beta) * grads[key]
        new = {k: p - learning_rate * v["d" + k] for k, p in parameters.items()}
        return new, v

    report = check.update_parameters_with_momentum(update_parameters_with_momentum)
    assert report.problems == ("modified",) and "changed its input v in place" in str(report)


def test_the_global_random_state_and_an_unseeded_generator_are_named():
    def global_state(A, keep_prob, rng):
        D = np.random.rand(*A.shape) < keep_prob
        return A * D / keep_prob, D

    def unseeded(A, keep_prob, rng):
        return dropout.dropout_forward(A, keep_prob, np.random.default_rng())

    assert "global_random" in check.dropout_forward(global_state).problems
    report = check.dropout_forward(unseeded)
    assert "not_reproducible" in report.problems and "global_random" not in report.problems


def test_a_function_that_hangs_is_stopped_by_the_time_limit():
    def initialize_adam(parameters):
        time.sleep(1.0)
        return optimizers.initialize_adam(parameters)

    report = check.initialize_adam(initialize_adam, timeout=0.05)
    assert report.problems == ("timeout",) and report.wrong == report.cases


def test_warnings_are_reported():
    def sigmoid(Z):
        warnings.warn("a learner's warning", stacklevel=1)
        return 0.5 * (1 + np.tanh(Z / 2))

    report = check.sigmoid(sigmoid)
    assert report.wrong == 0 and report.problems == ("warned",) and "UserWarning: a learner's warning" in str(report)


def test_the_plain_assignment_name_picks_the_function_by_its_parameters():
    from dlref import logistic_regression as lr, shallow_network as sn

    assert check.predict(lr.predict).reference == "dlref.logistic_regression.predict"
    assert check.predict(sn.predict).reference == "dlref.shallow_network.predict"


def test_the_plain_forward_and_backward_propagation_pick_the_warm_up_or_the_network_by_parameters():
    from dlref import gradient_check_1d as gc1, shallow_network as sn

    assert check.forward_propagation(gc1.forward_propagation).reference == "dlref.gradient_check_1d.forward_propagation"
    assert check.forward_propagation(sn.forward_propagation).reference == "dlref.shallow_network.forward_propagation"
    assert check.backward_propagation(gc1.backward_propagation).reference == "dlref.gradient_check_1d.backward_propagation"
    assert check.backward_propagation(sn.backward_propagation).reference == "dlref.shallow_network.backward_propagation"
    report = check.backward_propagation(lambda x, theta: theta)  # the 1-D mistake, named by the 1-D check
    assert report.reference == "dlref.gradient_check_1d.backward_propagation" and report.mistakes == ("dtheta_is_theta",)


def test_the_plain_softmax_picks_rows_or_columns_by_the_output_whatever_the_parameter_is_called():
    from dlref import python_basics, softmax

    def by_rows(Z):
        return python_basics.softmax(Z)

    def by_columns(x):
        return softmax.softmax(x)

    assert check.softmax(by_rows) and check.softmax(by_rows).reference == "dlref.python_basics.softmax"
    assert check.softmax(by_columns) and check.softmax(by_columns).reference == "dlref.softmax.softmax"
    assert not check.python_basics_softmax(by_columns) and not check.softmax_softmax(by_rows)


def test_course_5_names_shared_with_courses_1_and_2_pick_the_function_by_its_parameters():
    from dlref import char_model, logistic_regression as lr, training

    assert check.model(char_model.model).reference == "dlref.char_model.model"
    assert check.model(training.model).reference == "dlref.training.model"
    assert check.optimize(char_model.optimize).reference == "dlref.char_model.optimize"
    assert check.optimize(lr.optimize).reference == "dlref.logistic_regression.optimize"
    assert [s.name for s in CANDIDATES["model"]] == ["model", "char_model_model"]
    assert "one_step_attention" in CANDIDATES


def test_reports_are_deterministic_and_render_in_a_notebook():
    wrong = _linear_backward(scale_dW=3.0)
    first, second = check.linear_backward(wrong), check.linear_backward(wrong)
    assert str(first) == str(second) == repr(first) and str(first) in first._repr_html_().replace("&#x27;", "'")
    assert bool(first) is False and first.header == "linear_backward: 3 of 3 cases wrong"


SOLUTIONS = '''
import numpy as np

def linear_forward(A, W, b):
    Z = W @ A + b
    return Z, (A, W, b)

def linear_backward(dZ, cache):
    A_prev, W, b = cache
    dW = dZ @ A_prev.T  # forgot the 1/m
    db = np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]
    return W.T @ dZ, dW, db

def helper(x):
    return x
'''


def test_the_command_line_checks_each_course_function_of_a_file(tmp_path, capsys):
    path = tmp_path / "my_solutions.py"
    path.write_text(SOLUTIONS, encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "linear_forward: all 3 cases right" in out and "linear_backward: 3 of 3 cases wrong" in out
    assert "dW is m times the right value" in out and "helper" not in out and "1 of 2 functions right." in out
    result = subprocess.run([sys.executable, "-m", "dlref.check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and result.stdout == out


def test_the_command_line_checks_the_gradient_checking_warm_up_by_its_parameter_names(tmp_path, capsys):
    path = tmp_path / "gc.py"
    path.write_text("def forward_propagation(x, theta):\n    return theta * x\n\n"
                    "def backward_propagation(x, theta):\n    return theta\n", encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "gradient_check_1d_forward_propagation: all 5 cases right" in out
    assert "gradient_check_1d_backward_propagation: 5 of 5 cases wrong" in out and "returns θ" in out
    assert "shallow_network" not in out and "1 of 2 functions right." in out


def test_the_command_line_passes_a_right_file(tmp_path, capsys):
    path = tmp_path / "right.py"
    path.write_text(SOLUTIONS.split("def linear_backward")[0], encoding="utf-8")
    assert main([str(path)]) == 0 and "1 of 1 functions right." in capsys.readouterr().out
