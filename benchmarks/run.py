"""Benchmark dlref against PyTorch on the CPU, and write the tables the pages include.

Run with ``make bench`` (every case) or ``make bench CASES="conv pool"`` (the named ones; their
tables alone are rewritten). Each entry of a table runs in a fresh process of its own
(`worker.py`), as a learner's script would, and the entries take turns: every round asks each
for a batch of timed calls after a warm-up, in an order that alternates from round to round, so
that a change in the machine's load reaches all entries alike. Reported: the median time per
call over all rounds; the median over rounds of the ratio of an entry's per-round median to
PyTorch's (with its range); and the median number of minor page faults per call
(``ru_minflt``). Some entries run with glibc's malloc thresholds raised (environment variables
of their own process only), to show what the allocator costs. Writes
``benchmarks/results/*.md`` with the machine, its load and the library versions.
``BENCH_THREADS`` (default 2) sets the threads a side; ``BENCH_RESULTS`` another output folder.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cases import CONV_SHAPE, DIGITS_EPOCHS, LOOP_EXAMPLES, POOL_SHAPE  # noqa: E402
RESULTS = Path(os.environ.get("BENCH_RESULTS", HERE / "results"))  # the pages include HERE / "results"
THREADS = 2
# glibc returns freed blocks above these sizes to the system; 32 MiB is the largest value it takes
RAISED_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(32 * 2**20), "MALLOC_TRIM_THRESHOLD_": str(64 * 2**20)}
PROCESSES = {
    "dlref": ("dlref", {}), "dlref-malloc": ("dlref", RAISED_MALLOC),
    "torch": ("torch", {}), "torch-malloc": ("torch", RAISED_MALLOC),
}
THREADS = int(os.environ.get("BENCH_THREADS", THREADS))

# (process, case, variant, label[, overrides]): the first entry of each case is the reference of
# its ratios; overrides change the calls and warm-up of one entry, and "scale" multiplies its times
# and faults (the loop twins run on LOOP_EXAMPLES examples and are scaled to the whole batch);
# "against" names the entry its ratios are taken against, when not the first
LOOPS = {"calls": 1, "warmup": 0}
CASES = {
    "sgd": {
        "rounds": 10, "calls": 15, "warmup": 10,
        "entries": [
            ("torch", "sgd", "torch", "PyTorch: `cross_entropy`, `backward()`, `optim.SGD.step()`"),
            ("dlref", "sgd", "dlref", "dlref: `L_model_forward`, `compute_cost`, `L_model_backward(..., compute_dA0=False)`, `update_parameters`"),
            ("dlref", "sgd", "course", "dlref, the same with `dA0` (the course's default)"),
            ("dlref-malloc", "sgd", "dlref", "dlref (`compute_dA0=False`), glibc's malloc thresholds raised"),
            ("dlref", "sgd", "floor", "the 8 matrix products alone, NumPy (the floor)"),
        ],
    },
    "adam": {
        "rounds": 10, "calls": 40, "warmup": 5,
        "entries": [
            ("torch", "adam", "torch", "PyTorch: `optim.Adam.step()`, in place"),
            ("dlref", "adam", "dlref", "dlref: `update_parameters_with_adam`, new arrays"),
            ("dlref", "adam", "per-operator", "the formula one operator at a time (dlref before)"),
            ("dlref-malloc", "adam", "dlref", "dlref, glibc's malloc thresholds raised"),
            ("dlref-malloc", "adam", "per-operator", "one operator at a time, thresholds raised"),
            ("torch-malloc", "adam", "torch", "PyTorch, thresholds raised"),
        ],
    },
    "digits": {
        "rounds": 4, "calls": 1, "warmup": 1,
        "entries": [
            ("torch", "digits", "torch", "PyTorch: the same loop with `optim.Adam`"),
            ("dlref", "digits", "dlref", "dlref: `model(..., optimizer=\"adam\")`"),
        ],
    },
}
CASES |= {
    "conv": {
        "rounds": 10, "calls": 5, "warmup": 2,
        "entries": [
            ("torch", "conv", "torch", "PyTorch: `conv2d` (NCHW), `backward()` for input, weight and bias"),
            ("dlref", "conv", "dlref", "dlref: `conv_forward`, `conv_backward`"),
            ("dlref", "conv", "loop", f"dlref's loops: `conv_forward_loop`, `conv_backward_loop` (scaled from {LOOP_EXAMPLES} examples)",
             LOOPS | {"scale": CONV_SHAPE[0] / LOOP_EXAMPLES}),
        ],
    },
    "pool": {
        "rounds": 10, "calls": 10, "warmup": 2,
        "entries": [
            ("torch", "pool", "torch", "PyTorch: `max_pool2d` (NCHW), `backward()`"),
            ("dlref", "pool", "dlref", "dlref: `pool_forward`, `pool_backward` (mode `\"max\"`)"),
            ("dlref", "pool", "loop", f"dlref's loops: `pool_forward_loop`, `pool_backward_loop` (scaled from {LOOP_EXAMPLES} examples)",
             LOOPS | {"scale": POOL_SHAPE[0] / LOOP_EXAMPLES}),
        ],
    },
    "lstm": {
        "rounds": 10, "calls": 5, "warmup": 2,
        "entries": [
            ("torch", "lstm", "full", "PyTorch: the same LSTM in torch operators, forward, `backward()`"),
            ("dlref", "lstm", "full", "dlref: `lstm_forward`, `lstm_backward`"),
            ("torch", "lstm", "forward", "PyTorch: forward alone (graph recorded)"),
            ("dlref", "lstm", "forward", "dlref: `lstm_forward` alone (× PyTorch's forward alone)", {"against": 2}),
        ],
    },
    "attention": {
        "rounds": 10, "calls": 4, "warmup": 2,
        "entries": [
            ("torch", "attention", "torch", "PyTorch: `softmax(q @ k.T / sqrt(d_k)) @ v`, `backward()`"),
            ("dlref", "attention", "dlref", "dlref: `scaled_dot_product_attention`, `scaled_dot_product_attention_backward`"),
        ],
    },
}
VECTORIZATION = [((20, 1_000), 3), ((20, 10_000), 3), ((100, 10_000), 2)]


class Worker:
    def __init__(self, side: str, env: dict[str, str]):
        environment = {**os.environ, **env, "BENCH_THREADS": str(THREADS)}
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            environment[name] = str(THREADS)
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "worker.py"), side],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment,
        )

    def ask(self, **request) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"a benchmark worker stopped (exit code {self.process.wait()})")
        return json.loads(line)

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run_case(spec: dict) -> list[dict]:
    """A fresh process per entry, alternating rounds; for each entry, its samples and per-round medians."""
    entries = spec["entries"]
    workers = [Worker(*PROCESSES[process]) for process, *_ in entries]
    try:
        return summarize(entries, measure(entries, workers, spec))
    finally:
        for worker in workers:
            worker.close()


def measure(entries: list[tuple], workers: list[Worker], spec: dict) -> dict[int, dict]:
    samples = {i: {"times": [], "faults": [], "round_medians": [], "extra": {}} for i in range(len(entries))}
    for r in range(spec["rounds"]):
        order = list(range(len(entries)))
        order = order if r % 2 == 0 else order[::-1]  # alternate who goes first
        for i in order:
            _, case, variant, *_ = entries[i]
            options = {"calls": spec["calls"], "warmup": spec["warmup"], "scale": 1.0} | overrides(entries[i])
            time.sleep(0.02)  # let the other process's threads stop spinning
            answer = workers[i].ask(case=case, variant=variant, calls=options["calls"], warmup=options["warmup"])
            times = [t * options["scale"] for t in answer["times"]]
            samples[i]["times"] += times
            samples[i]["faults"] += [f * options["scale"] for f in answer["faults"]]
            samples[i]["round_medians"].append(statistics.median(times))
            samples[i]["extra"] = answer["extra"] or samples[i]["extra"]
    return samples


def overrides(entry: tuple) -> dict:
    return entry[4] if len(entry) > 4 else {}


def summarize(entries: list[tuple], samples: dict[int, dict]) -> list[dict]:
    rows = []
    for i, (_, case, _, label, *_) in enumerate(entries):
        reference = samples[overrides(entries[i]).get("against", 0)]["round_medians"]
        ratios = [mine / theirs for mine, theirs in zip(samples[i]["round_medians"], reference)]
        rows.append({
            "label": label, "ms": 1e3 * statistics.median(samples[i]["times"]),
            "ratio": statistics.median(ratios), "low": min(ratios), "high": max(ratios),
            "faults": statistics.median(samples[i]["faults"]), "samples": len(samples[i]["times"]),
            "extra": samples[i]["extra"],
        })
        print(f"{case:7s} {label[:60]:60s} {rows[-1]['ms']:9.3f} ms  x{rows[-1]['ratio']:.2f} "
              f"({rows[-1]['low']:.2f}-{rows[-1]['high']:.2f})  {rows[-1]['faults']:.0f} faults/call", flush=True)
    return rows


def table(rows: list[dict], unit: str = "ms", scale: float = 1.0, accuracy: bool = False, per: str = "call") -> list[str]:
    header = f"| | {unit} | × PyTorch (range over rounds) | page faults per {per} |" + (" accuracy |" if accuracy else "")
    lines = [header, "| --- | ---: | ---: | ---: |" + (" ---: |" if accuracy else "")]
    for row in rows:
        line = (f"| {row['label']} | {row['ms'] * scale:,.2f} | {row['ratio']:,.2f} "
                f"({row['low']:,.2f}–{row['high']:,.2f}) | {row['faults']:,.0f} |")
        if accuracy:
            line += f" {row['extra'].get('accuracy', float('nan')):.1%} |"
        lines.append(line)
    return lines


def machine_line(info: dict, load: tuple[tuple[float, ...], tuple[float, ...]], what: str) -> str:
    dlref, torch = info["dlref"], info["torch"]
    blas = ", ".join(f"{b['internal_api']} {b['version']} ({b['architecture']} kernel)" for b in dlref["blas"]
                     if b["internal_api"] == "openblas") or "its BLAS"
    return (
        f"Measured on {datetime.date.today().isoformat()} with `make bench`: {cpu_name()}, "
        f"{os.cpu_count()} cores, Python {dlref['python']}, NumPy {dlref['numpy']} with {blas}, "
        f"PyTorch {torch['torch']} ({torch['torch_blas']}); {THREADS} thread{'s' * (THREADS > 1)} a side, float64; "
        f"load average {load[0][0]:.2f} before and {load[1][0]:.2f} after{busy(load)}. {what}"
    )


def busy(load: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    """A warning when other work competed for the cores: then threads wait for each other."""
    if max(load[0][0], load[1][0]) <= (os.cpu_count() or 1):
        return ""
    return (" (a busy machine: more runnable processes than cores, so the times are inflated and the "
            "ratios unreliable; rerun `make bench` on a quiet machine)")


def main(selected: list[str]) -> None:
    """Run the named cases (every case and the vectorization table when none is named)."""
    known = [*CASES, "vectorization"]
    unknown = sorted(set(selected) - set(known))
    if unknown:
        sys.exit(f"unknown benchmark case(s): {', '.join(unknown)}; choose from {', '.join(known)}")
    selected = selected or known
    RESULTS.mkdir(exist_ok=True)
    started, load_before = time.perf_counter(), os.getloadavg()
    workers = {name: Worker(*PROCESSES[name]) for name in ("dlref", "torch")}
    try:
        info = {name: worker.ask(info=True) for name, worker in workers.items()}
        vectorization = []
        for (n_x, m), repeat in VECTORIZATION if "vectorization" in selected else []:
            loop = workers["dlref"].ask(case="vectorization", variant=f"loop:{n_x}x{m}", calls=repeat, warmup=0)
            fast = workers["dlref"].ask(case="vectorization", variant=f"vectorized:{n_x}x{m}", calls=50, warmup=3)
            vectorization.append((n_x, m, statistics.median(loop["times"]), statistics.median(fast["times"])))
    finally:
        for worker in workers.values():
            worker.close()
    results = {case: run_case(spec) for case, spec in CASES.items() if case in selected}
    load = (load_before, os.getloadavg())
    how = ("Each entry in a fresh process of its own, alternating rounds after a warm-up; times are medians "
           "over all calls, ratios the median (and range) over rounds of each entry's and PyTorch's "
           "per-round medians.")
    write_course_1_2(results, info, load, how)
    write_course_4_5(results, info, load, how)
    if vectorization:
        lines = ["| features $n_x$ | examples $m$ | loops | vectorized | speed-up |", "| ---: | ---: | ---: | ---: | ---: |"]
        for n_x, m, t_loop, t_vec in vectorization:
            lines.append(f"| {n_x} | {m:,} | {t_loop * 1e3:,.1f} ms | {t_vec * 1e3:,.3f} ms | {t_loop / t_vec:,.0f}x |")
        write("vectorization.md", lines, machine_line(info, load, "Medians of a few calls of `propagate_loop` and 50 of `propagate`."))
    print(f"done in {time.perf_counter() - started:.0f} s; wrote {', '.join(selected)} to {RESULTS}")


def write_course_1_2(results: dict, info: dict, load: tuple, how: str) -> None:
    from cases import DENSE_DIMS, digits_problem

    allocator = (" Rows marked \"thresholds raised\" set MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ "
                 "in their own process's environment, so that glibc keeps freed megabyte-sized blocks instead "
                 "of returning them to the system and faulting them in again; dlref never changes the "
                 "allocator itself.")
    n_parameters = sum(n * (n_prev + 1) for n_prev, n in zip(DENSE_DIMS, DENSE_DIMS[1:]))
    if "sgd" in results:
        write("sgd_step.md", table(results["sgd"]), machine_line(info, load, how + (
            f" One step of the network {'-'.join(map(str, DENSE_DIMS))} (ReLU, softmax output), "
            f"a batch of 256, {results['sgd'][0]['samples']} calls an entry." + allocator)))
    if "adam" in results:
        write("adam.md", table(results["adam"]), machine_line(info, load, how + (
            f" One Adam update of that network's {n_parameters:,} parameters, each call fed the previous call's "
            f"results, {results['adam'][0]['samples']} calls an entry." + allocator)))
    if "digits" in results:
        X_train, _, X_test, _ = digits_problem()
        write("digits.md", table(results["digits"], unit="ms per epoch", scale=1 / DIGITS_EPOCHS, accuracy=True, per="training run"), machine_line(info, load, how + (
            f" The training page's example: {X_train.shape[1]:,} digits, the network 64-32-10, mini-batches of 64, "
            f"Adam at 0.001, {DIGITS_EPOCHS} epochs from the same initial weights and shuffles; accuracy on the "
            f"{X_test.shape[1]} held-out digits.")))


def write_course_4_5(results: dict, info: dict, load: tuple, how: str) -> None:
    from cases import ATTENTION_SHAPE, CONV_F, CONV_FILTERS, LSTM_SIZES, POOL_F

    loops = (f" The loop rows time one call on the first {LOOP_EXAMPLES} examples of the batch, once a round "
             f"without a warm-up, and multiply its time and faults by {CONV_SHAPE[0] // LOOP_EXAMPLES} "
             "(their work grows linearly with the examples); the other rows time the whole batch.")
    if "conv" in results:
        write("conv.md", table(results["conv"]), machine_line(info, load, how + (
            f" One forward and backward pass of a {CONV_F}×{CONV_F} convolution, {CONV_SHAPE[-1]} → {CONV_FILTERS} "
            f"channels, pad 1, stride 1, on a batch of shape {CONV_SHAPE} (PyTorch: the same numbers in NCHW), "
            f"{results['conv'][0]['samples']} calls for each of the other entries." + loops)))
    if "pool" in results:
        write("pool.md", table(results["pool"]), machine_line(info, load, how + (
            f" One forward and backward pass of a {POOL_F}×{POOL_F} max-pool, stride {POOL_F}, on a batch of shape "
            f"{POOL_SHAPE}, {results['pool'][0]['samples']} calls for each of the other entries." + loops)))
    s = LSTM_SIZES
    if "lstm" in results:
        write("lstm.md", table(results["lstm"]), machine_line(info, load, how + (
            f" The LSTM over T_x = {s['T_x']} steps, m = {s['m']}, n_x = {s['n_x']}, n_a = {s['n_a']}, n_y = {s['n_y']} "
            "from the same weights; PyTorch computes the course's gates (stacked in one product a step) and the "
            "softmax prediction with its operators, autograd the backward from the same upstream gradient of every "
            f"hidden state; {results['lstm'][0]['samples']} calls an entry.")))
    if "attention" in results:
        write("attention.md", table(results["attention"]), machine_line(info, load, how + (
            f" Scaled dot-product attention, forward and backward, without a mask, on queries, keys and values of "
            f"shape {ATTENTION_SHAPE} (batch, heads, T, d_k), {results['attention'][0]['samples']} calls an entry.")))


def write(name: str, lines: list[str], footer: str) -> None:
    (RESULTS / name).write_text("\n".join([*lines, "", footer, ""]), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
