"""New arrays as views into one new buffer, so that a call's memory stays mapped between calls.

glibc gives the free memory at the top of its heap back to the system once it exceeds a
threshold that, by default, follows twice the largest block freed so far, and the next call
faults those pages in again. Two blocks are never more than twice the larger of them, so a
function whose large arrays come from at most two allocations keeps its memory mapped from one
call to the next, whatever the process allocated before. With a new array each, the attention
pair faulted in about 2,500 pages a call (15% of its time), `conv_backward` 2,300 in some
processes (more than half of its time), and `rnn_forward` and `gru_forward`, with a new array a
step for their caches, 329 and 484 (a tenth and a quarter of their time).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def one_block(*shapes: tuple[int, ...]) -> list[NDArray[np.float64]]:
    """New float64 arrays of these shapes, views into one new buffer (uninitialized, as `np.empty`)."""
    sizes = [int(np.prod(shape)) for shape in shapes]
    parts = np.split(np.empty(sum(sizes)), np.cumsum(sizes)[:-1])
    return [part.reshape(shape) for part, shape in zip(parts, shapes)]


def keep(rows: NDArray[np.float64], *arrays: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    """Copies of `arrays`, each ``(n, m)``, in consecutive rows of `rows` ``(k n, m)``: a
    recurrent step's cache moved into its share of one buffer for the whole sequence."""
    n = len(rows) // len(arrays)
    copies = [rows[i * n:(i + 1) * n] for i in range(len(arrays))]
    for copy, array in zip(copies, arrays):
        copy[...] = array
    return copies
