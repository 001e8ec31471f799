"""One side of the benchmark, in its own process: run what the driver asks, report the timings.

The driver (`run.py`) writes one JSON request per line on standard input and reads one JSON
answer per line from standard output. A side never runs while the other does, so neither
side's spinning BLAS or OpenMP threads take the core the other one is timed on.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

THREADS = int(os.environ.get("BENCH_THREADS", "2"))

sys.path.insert(0, str(Path(__file__).resolve().parent))


def minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def versions(side: str) -> dict:
    import numpy as np
    import threadpoolctl

    info = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "blas": [
            {k: pool.get(k) for k in ("internal_api", "version", "architecture", "threading_layer", "num_threads")}
            for pool in threadpoolctl.threadpool_info()
        ],
        "malloc": {k: v for k, v in os.environ.items() if k.startswith("MALLOC_")},
    }
    if side == "torch":
        import torch

        config = torch.__config__.show()
        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
        info["torch_blas"] = next((part.split("=")[1] for part in config.replace(",", " ").split() if part.startswith("BLAS_INFO=")), "?")
    return info


def main() -> None:
    side = sys.argv[1]
    import numpy as np
    import threadpoolctl

    threadpoolctl.threadpool_limits(THREADS)
    if side == "torch":
        import torch

        torch.set_num_threads(THREADS)
    from cases import MAKERS

    calls = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("info"):
            print(json.dumps(versions(side)), flush=True)
            continue
        key = (request["case"], request["variant"])
        if key not in calls:
            calls[key] = MAKERS[(side, request["case"])](request["variant"])
            for _ in range(request.get("warmup", 0)):
                calls[key]()
        call, times, faults, extra = calls[key], [], [], {}
        for _ in range(request["calls"]):
            f0, t0 = minor_faults(), time.perf_counter()
            result = call()
            t1, f1 = time.perf_counter(), minor_faults()
            times.append(t1 - t0)
            faults.append(f1 - f0)
            if isinstance(result, dict):
                extra = result
        print(json.dumps({"times": times, "faults": faults, "extra": extra}), flush=True)
    del np


if __name__ == "__main__":
    main()
