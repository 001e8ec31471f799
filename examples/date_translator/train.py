"""Train the course's date translator with dlref's own functions and save its weights beside this file.

Run it with ``make translator`` (or ``.venv/bin/python examples/date_translator/train.py``). It draws
the training dates, trains with Adam, reports the exact-match accuracy (all ten characters right)
on fresh dates from a seed the training never saw, and writes ``weights.npz`` (float32, one
``"group/name"`` array per parameter, read back by `dlref.date_translator.load_translator`) and
``training.txt`` (what it did and measured). With the same seeds and NumPy it writes the same weights.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # small matrices: one thread is fastest, and deterministic

import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from dlref.date_data import load_dataset, preprocess_data  # noqa: E402
from dlref.date_translator import initialize_translator, train_translator, translate  # noqa: E402

HERE = Path(__file__).resolve().parent
M, EPOCHS, BATCH_SIZE, LEARNING_RATE = 10_000, 20, 100, 0.005
N_A, N_S, N_E = 32, 64, 10  # the course's sizes
DATA_SEED, INIT_SEED, SHUFFLE_SEED, TEST_SEED, M_TEST = 0, 1, 2, 2026, 1_000


def main() -> None:
    dataset, human_vocab, machine_vocab, _ = load_dataset(M, np.random.default_rng(DATA_SEED))
    _, _, Xoh, Yoh = preprocess_data(dataset, human_vocab, machine_vocab)
    parameters = initialize_translator(len(human_vocab), len(machine_vocab), np.random.default_rng(INIT_SEED), N_A, N_S, N_E)
    start = time.perf_counter()
    parameters, costs = train_translator(Xoh, Yoh, parameters, np.random.default_rng(SHUFFLE_SEED), EPOCHS, BATCH_SIZE,
                                         LEARNING_RATE, print_cost=True)
    seconds = time.perf_counter() - start
    weights = {f"{g}/{k}": v.astype(np.float32) for g in parameters for k, v in parameters[g].items()}
    np.savez_compressed(HERE / "weights.npz", **weights)
    test, _, _, _ = load_dataset(M_TEST, np.random.default_rng(TEST_SEED))
    predicted = translate([human for human, _ in test], {g: {k: v.astype(np.float64) for k, v in d.items()}
                                                         for g, d in parameters.items()})
    accuracy = np.mean([p == machine for p, (_, machine) in zip(predicted, test)])
    size = sum(v.size for v in weights.values())
    lines = [
        f"training dates: m = {M} (seed {DATA_SEED}), init seed {INIT_SEED}, shuffle seed {SHUFFLE_SEED}",
        f"model: n_a = {N_A}, n_s = {N_S}, n_e = {N_E}, {size} parameters; Adam, learning rate {LEARNING_RATE}, "
        f"batch {BATCH_SIZE}, {EPOCHS} epochs",
        f"cost: first batch {costs[0]:.4f}, last epoch {np.mean(costs[-(M // BATCH_SIZE):]):.4f}",
        f"training time: {seconds:.0f} s (Python {platform.python_version()}, NumPy {np.__version__}, one BLAS thread)",
        f"exact match on {M_TEST} fresh dates (seed {TEST_SEED}): {accuracy:.1%}",
        f"weights.npz: {(HERE / 'weights.npz').stat().st_size} bytes",
    ]
    (HERE / "training.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    sys.exit(0 if accuracy >= 0.95 else 1)


if __name__ == "__main__":
    main()
