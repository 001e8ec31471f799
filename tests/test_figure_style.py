"""Every course's figures keep the house style of tools/figures.py: legible at a phone's width and
without a white box in dark mode. The style itself (transparent, 11-12 pt) is applied to every
figure by tools/figures.py; these checks catch a figure module that overrides it."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

MODULES = sorted((ROOT / "tools").glob("figures_course*.py"))


def test_every_course_has_a_figure_module():
    assert len(MODULES) >= 4


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_text_smaller_than_11_pt(path):
    sizes = [int(s) for s in re.findall(r"fontsize=(\d+)", path.read_text(encoding="utf-8"))]
    assert all(size >= 11 for size in sizes), f"{path.name}: font sizes {sizes}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_figure_wider_than_6_4_inches(path):
    """A wider figure is scaled down on a 390 px screen, and its text with it."""
    widths = [float(w) for w in re.findall(r"figsize=\(\s*([\d.]+)", path.read_text(encoding="utf-8"))]
    assert all(width <= 6.4 for width in widths), f"{path.name}: widths {widths}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_white_background(path):
    text = path.read_text(encoding="utf-8").lower()
    assert not re.search(r"facecolor[\"']?\s*[:=]\s*[\"'](white|w|#fff|#ffffff)[\"']", text), path.name
    assert "transparent=false" not in text.replace(" ", ""), path.name
