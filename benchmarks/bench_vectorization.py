"""Measure how much faster the vectorized logistic-regression step is than the loop version.

Run with ``make bench``. Writes ``benchmarks/results/vectorization.md``, which the
vectorization page includes, so the numbers quoted on the site are the ones measured here,
together with the machine they were measured on.
"""

from __future__ import annotations

import datetime
import os
import platform
import timeit
from pathlib import Path

import numpy as np

from dlref.logistic_regression import propagate, propagate_loop

OUT = Path(__file__).with_name("results") / "vectorization.md"
SIZES = [(20, 1_000), (20, 10_000), (100, 10_000)]


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def best_time(fn, repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main() -> None:
    rng = np.random.default_rng(0)
    rows = []
    for n_x, m in SIZES:
        X = rng.standard_normal((n_x, m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        w, b = rng.standard_normal((n_x, 1)), 0.1
        t_loop = best_time(lambda: propagate_loop(w, b, X, Y), repeat=3)
        t_vec = best_time(lambda: propagate(w, b, X, Y), repeat=50)
        rows.append((n_x, m, t_loop, t_vec))
        print(f"n_x={n_x:4d} m={m:6d}  loop {t_loop * 1e3:9.2f} ms  vectorized {t_vec * 1e3:7.3f} ms  x{t_loop / t_vec:,.0f}")
    lines = [
        "| features $n_x$ | examples $m$ | loops | vectorized | speed-up |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n_x, m, t_loop, t_vec in rows:
        lines.append(f"| {n_x} | {m:,} | {t_loop * 1e3:,.1f} ms | {t_vec * 1e3:,.3f} ms | {t_loop / t_vec:,.0f}x |")
    lines += [
        "",
        f"Measured on {datetime.date.today().isoformat()} with `make bench`: {cpu_name()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, NumPy {np.__version__}; "
        "best of several runs of one call of `propagate_loop` and `propagate`.",
        "",
    ]
    OUT.write_text("\n".join(lines))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
