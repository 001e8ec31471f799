"""Training runs that a figure draws and a test checks, computed once for each version of the sources.

A function decorated with `stored` keeps its result in
``.cache/runs/<hash of the sources>/<module>.<name>-<hash of the arguments>.pickle``: the first
process to call it (the site build drawing the figure, or a test checking what the page says
about it) trains and writes the file, and every later call, in that process or another, reads
it. A lock file makes a second process that asks while the first is training wait for its result
instead of training the same model again. `sources_key` is also the key of the figure cache,
and the figures are written with `write_atomically` too. Each cache keeps the folders of its
`KEEP` latest versions (`version_folder`), so editing dlref does not fill the disk.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

try:
    import fcntl
except ImportError:  # Windows has no fcntl: there, each process that finds no file trains for itself
    fcntl = None

ROOT = Path(__file__).resolve().parent.parent
RUNS = ROOT / ".cache" / "runs"
KEEP = 3  # versions of the sources whose figures and runs stay on disk
T = TypeVar("T")


def sources_key() -> str:
    """A hash of everything a figure or a run depends on: dlref's source, every tools/*.py (the
    figure modules, the data sets, the figures' style), the committed weights a figure reads, and
    the versions of Matplotlib, NumPy and scikit-learn (whose data sets the runs train on)."""
    import matplotlib
    import numpy
    import sklearn

    digest = hashlib.sha256(f"{matplotlib.__version__} {numpy.__version__} {sklearn.__version__}".encode())
    weights = sorted((ROOT / "examples").glob("*/*.npz"))
    for path in sorted((ROOT / "dlref").glob("*.py")) + sorted((ROOT / "tools").glob("*.py")) + weights:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def stored(function: Callable[..., T]) -> Callable[..., T]:
    """`function` with its result kept on disk per version of the sources; every call returns a
    new copy, so a caller that changes the result changes nobody else's."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> T:
        arguments = hashlib.sha256(repr((args, sorted(kwargs.items()))).encode()).hexdigest()[:12]
        folder = version_folder(RUNS)
        path = folder / f"{function.__module__}.{function.__name__}-{arguments}.pickle"
        with open(path.with_suffix(".lock"), "w") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if path.exists():
                return pickle.loads(path.read_bytes())
            result = function(*args, **kwargs)
            write_atomically(path, pickle.dumps(result))
            return result

    return wrapper


def version_folder(cache: Path, keep: int = KEEP) -> Path:
    """``cache/<sources_key()>``, made if missing; making it deletes all but the `keep` most
    recently changed version folders of `cache`, this one included."""
    folder = cache / sources_key()
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        versions = sorted((p for p in cache.iterdir() if p.is_dir() and p != folder), key=lambda p: p.stat().st_mtime)
        for old in versions[: max(0, len(versions) - (keep - 1))]:
            shutil.rmtree(old, ignore_errors=True)  # another process may be deleting it too
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file of this process, so that a concurrent
    reader never sees half a file and two writers never share a temporary."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
