"""Figures for the site, drawn from dlref itself when the site is built.

The figures live with their course: ``tools/figures_course<N>.py`` holds one small function per
figure, each returning a Matplotlib figure, and exposes them as ``FIGURES`` (name -> function).
This module merges those registries, renders every figure to SVG (text as paths, so no font is
loaded from anywhere; transparent, so dark mode shows no white box) and caches the result
until a source file changes.

To add a course's figures, write ``tools/figures_course<N>.py`` and add one line to
``COURSES`` below. A page shows a figure as ``![what it shows](../figures/<name>.svg)``.
"""

from __future__ import annotations

import importlib
import io
import multiprocessing
import os
import site
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import figures_course1  # noqa: E402
import figures_course2  # noqa: E402
import figures_course3  # noqa: E402
import figures_course4  # noqa: E402
import figures_course5  # noqa: E402
from stored_runs import ROOT, version_folder, write_atomically  # noqa: E402

COURSES = [
    figures_course1,
    figures_course2,
    figures_course3,
    figures_course4,
    figures_course5,
]

CACHE = ROOT / ".cache" / "figures"

# Sized for a phone: a 6.4 in figure is shown about 360 px wide on a 390 px screen, where 12 pt
# text is about 9 px tall. Transparent, so dark mode's inversion (docs/stylesheets/figures.css)
# turns black text white on the slate background instead of showing a white box.
STYLE = {
    "svg.fonttype": "path",
    "svg.hashsalt": "dlref",
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
}


def _merge(modules) -> dict[str, Callable[[], plt.Figure]]:
    merged: dict[str, Callable[[], plt.Figure]] = {}
    for module in modules:
        clash = merged.keys() & module.FIGURES.keys()
        if clash:
            raise ValueError(f"{module.__name__} registers figure names already taken: {sorted(clash)}")
        merged.update(module.FIGURES)
    return merged


FIGURES: dict[str, Callable[[], plt.Figure]] = _merge(COURSES)


def to_svg(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


# How many processes draw the missing figures (default: one per core). The test suite sets 1: its
# workers keep every core busy already, and each drawing process costs an import of tools/.
PROCESSES = "DLREF_FIGURE_PROCESSES"


def start_drawing() -> tuple[dict[str, Path], Callable[[], None]]:
    """Start drawing the figures missing from the cache; return every figure's path and a
    function that waits until they all exist.

    Figures are drawn again only when a source file changed: the SVGs are kept in
    ``.cache/figures/<hash of the sources>/``, so a rebuild (``mkdocs serve``, or the second
    build of a test session) reuses them. Missing ones are drawn in background processes, one
    course's figures per task (the figures of a course share their training runs) and at most
    one process per core, so the build reads its pages meanwhile. The function returned re-raises
    the first error of a drawing.
    """
    folder = version_folder(CACHE)
    paths = {name: folder / f"{name}.svg" for name in FIGURES}
    missing = {module.__name__: [name for name in module.FIGURES if not paths[name].exists()] for module in COURSES}
    tasks = [(module, names) for module, names in reversed(missing.items()) if names]  # later courses train longer
    if not tasks:
        return paths, lambda: None
    processes = int(os.environ.get(PROCESSES, os.cpu_count() or 1))
    if processes <= 1:  # draw here and now, sparing each process the ~2 s of importing tools/ again
        for module, names in tasks:
            _draw_course(module, folder, names)
        return paths, lambda: None
    pool = ProcessPoolExecutor(  # a new interpreter each (no fork of the build's threads) that imports tools/
        min(len(tasks), processes), mp_context=multiprocessing.get_context("spawn"),
        initializer=site.addsitedir, initargs=(str(Path(__file__).parent),),
    )
    futures = [pool.submit(_draw_course, module, folder, names) for module, names in tasks]

    def wait() -> None:
        try:
            for future in futures:
                future.result()
        finally:
            pool.shutdown(cancel_futures=True)

    return paths, wait


def _draw_course(module_name: str, folder: Path, names: list[str]) -> None:
    """Draw the figures `names` of the course module `module_name` into `folder` (in a worker)."""
    module = importlib.import_module(module_name)
    with plt.rc_context(STYLE):
        for name in names:
            write_atomically(folder / f"{name}.svg", to_svg(module.FIGURES[name]()))


def draw_all() -> dict[str, bytes]:
    """Every figure as SVG bytes, keyed by name (drawn as `start_drawing` says, and waited for)."""
    paths, wait = start_drawing()
    wait()
    return {name: path.read_bytes() for name, path in paths.items()}
