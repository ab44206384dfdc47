"""Requests per second of the reference LLMLingua-2 (llmlingua 0.2.2) on the tiny test models.

Each request is `compressor.compress_prompt(text, rate=0.5)` on one corpus text, the call the
Java `LinguaCompressor.compressPrompt` reproduces. Three ways of using the cores are measured:

- `1 thread`: one process, one caller, `torch.set_num_threads(1)`.
- `2 processes`: two worker processes, each with its own `PromptCompressor` and
  `torch.set_num_threads(1)`, started together for every pass. This is the figure compared with
  Java's two callers: much of a request is Python code (chunking, word merging, tiktoken calls
  per word) that holds the GIL, so processes are how a Python service gets two cores' worth.
- `2 threads`: one process, two caller threads sharing one compressor, torch on one thread per
  operation. Shown for reference; the GIL lets torch's kernels overlap but not the Python code.

A pass is a fixed number of iterations over all texts by every caller; throughput is the
requests of the pass divided by its wall time, and the median over passes is reported. With
1 thread, hooks on the model add up the time of its forward calls, which splits a request into
the model and the pipeline around it. Each pass also records the share of its time in which some
task waited for a CPU, a measure of competing work. Results go to a JSON file that the Java
benchmark turns into the report.
"""

import argparse
import glob
import json
import multiprocessing
import platform
import statistics
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

# The reference tooling's helpers are shared, not copied.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "reference"))
from tiktoken_offline import provide_tiktoken_vocabulary  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODELS = [
    REPO / "tools/reference/work/final/tiny-bert-base-multilingual-cased",
    REPO / "tools/reference/work/final/tiny-xlm-roberta-large",
]
RATE = 0.5
GATE_TIMEOUT_SECONDS = 300
VERSIONED_PACKAGES = ("llmlingua", "torch", "transformers", "tokenizers", "tiktoken", "numpy")


def main() -> None:
    args = _parse_args()
    texts = _read_texts(args.corpus)
    report = {
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in VERSIONED_PACKAGES},
        "corpus": str(args.corpus / "text"),
        "rate": RATE,
        "passes": args.passes,
        "iterations": args.iterations,
        "warmup": args.warmup,
        "models": [],
    }
    if not texts:
        report["skipped"] = f"no corpus texts in {args.corpus / 'text'}"
        _log(report["skipped"])
        _write(args.out, report)
        return

    provide_tiktoken_vocabulary(args.work / "tiktoken-cache", args.jtokkit_jar)
    _pin_torch_threads()
    for model_dir in args.models:
        if not (model_dir / "model.safetensors").is_file():
            sys.exit(
                f"{model_dir}: no model.safetensors; the reference's PyTorch weights are made"
                " by tools/reference/generate.py"
            )
        report["models"].append(_measure_model(model_dir, texts, args))
    _write(args.out, report)


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus")
    parser.add_argument("--models", type=Path, nargs="+", default=DEFAULT_MODELS)
    parser.add_argument("--out", type=Path, default=REPO / "bench/lingua/work/reference.json")
    parser.add_argument("--work", type=Path, default=REPO / "bench/lingua/work")
    parser.add_argument("--jtokkit-jar", type=Path, default=_default_jtokkit_jar())
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=1, help="over all texts, per pass")
    parser.add_argument("--warmup", type=int, default=1, help="untimed iterations first")
    args = parser.parse_args()
    for name in ("passes", "iterations", "warmup"):
        if not 1 <= getattr(args, name) <= 1000:
            parser.error(f"--{name} must be 1..1000, got {getattr(args, name)}")
    return args


def _default_jtokkit_jar() -> Path:
    jars = sorted(glob.glob(str(REPO / "target/lib/jtokkit-*.jar")))
    return Path(jars[-1]) if jars else REPO / "target/lib/jtokkit.jar"


def _read_texts(corpus: Path) -> list[str]:
    files = sorted((corpus / "text").glob("*.txt")) if (corpus / "text").is_dir() else []
    return [file.read_text(encoding="utf-8") for file in files]


def _pin_torch_threads() -> None:
    """One thread per torch operation; once per process, before torch's first operation."""
    import torch

    torch.set_num_interop_threads(1)
    torch.set_num_threads(1)


def _open_compressor(model_dir: Path):
    from llmlingua import PromptCompressor

    return PromptCompressor(model_name=str(model_dir), device_map="cpu", use_llmlingua2=True)


def _run_iterations(compressor, texts: list[str], iterations: int) -> tuple[int, int]:
    """Origin and compressed tokens of the last iteration, to compare output with Java."""
    origin = compressed = 0
    for _ in range(iterations):
        origin = compressed = 0
        for text in texts:
            result = compressor.compress_prompt(text, rate=RATE)
            origin += result["origin_tokens"]
            compressed += result["compressed_tokens"]
    return origin, compressed


def _measure_model(model_dir: Path, texts: list[str], args) -> dict:
    name = model_dir.name
    requests = len(texts) * args.iterations
    _log(f"{name}: 1 thread")
    compressor = _open_compressor(model_dir)
    _run_iterations(compressor, texts, args.warmup)
    model_time = _ModelTimer(compressor.model)
    single, model_share = _Passes(), []
    tokens = (0, 0)
    for _ in range(args.passes):
        model_time.seconds = 0.0
        with _PassClock(single, requests) as clock:
            tokens = _run_iterations(compressor, texts, args.iterations)
        model_share.append(model_time.seconds / clock.elapsed)
    model_time.remove()

    _log(f"{name}: 2 threads")
    threaded = _Passes()
    for _ in range(args.passes):
        callers = [
            threading.Thread(target=_run_iterations, args=(compressor, texts, args.iterations))
            for _ in range(2)
        ]
        with _PassClock(threaded, 2 * requests):
            for caller in callers:
                caller.start()
            for caller in callers:
                caller.join()
    del compressor

    _log(f"{name}: 2 processes")
    processes = _measure_processes(model_dir, texts, args, workers=2)
    _log(
        f"{name}: median req/s 1 thread {statistics.median(single.rates):.2f},"
        f" 2 processes {statistics.median(processes.rates):.2f},"
        f" 2 threads {statistics.median(threaded.rates):.2f}"
    )
    single_run = _run_record("1 thread", 1, single)
    single_run["pass_model_share"] = model_share
    return {
        "name": name,
        "texts": len(texts),
        "origin_tokens": tokens[0],
        "compressed_tokens": tokens[1],
        "runs": [
            single_run,
            _run_record("2 processes", 2, processes),
            _run_record("2 threads", 2, threaded),
        ],
    }


class _Passes:
    """Each pass's requests per second and its share of time with a task waiting for a CPU."""

    def __init__(self):
        self.rates: list[float] = []
        self.stalls: list[float | None] = []


class _PassClock:
    """Times one pass of `requests` requests into a `_Passes`."""

    def __init__(self, passes: _Passes, requests: int):
        self._passes = passes
        self._requests = requests
        self.elapsed = 0.0

    def __enter__(self):
        self._stall = _cpu_stall_micros()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *_exc):
        self.elapsed = time.perf_counter() - self._start
        stall = _cpu_stall_micros()
        self._passes.rates.append(self._requests / self.elapsed)
        self._passes.stalls.append(
            None if stall is None or self._stall is None
            else (stall - self._stall) / 1e6 / self.elapsed
        )
        return False


def _cpu_stall_micros() -> int | None:
    """Microseconds some runnable task waited for a CPU since boot (Linux pressure stall info).

    Its growth over a pass, divided by the pass's wall time, says how much other work competed
    with it; the Java report prints it next to each figure.
    """
    try:
        with open("/proc/pressure/cpu", encoding="ascii") as pressure:
            for line in pressure:
                if line.startswith("some"):
                    return int(line.rsplit("total=", 1)[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


class _ModelTimer:
    """Adds up the wall time spent in the token classifier's forward call.

    That call is what Java's ONNX session runs; everything else in `compress_prompt` is the
    pipeline around it. Two hooks per batch cost microseconds against milliseconds of forward.
    """

    def __init__(self, model):
        self.seconds = 0.0
        self._started = 0.0
        self._hooks = [
            model.register_forward_pre_hook(self._before),
            model.register_forward_hook(self._after),
        ]

    def _before(self, _module, _inputs):
        self._started = time.perf_counter()

    def _after(self, _module, _inputs, _outputs):
        self.seconds += time.perf_counter() - self._started

    def remove(self):
        for hook in self._hooks:
            hook.remove()


def _run_record(mode: str, callers: int, passes: _Passes) -> dict:
    return {
        "mode": mode,
        "callers": callers,
        "pass_rps": passes.rates,
        "median_rps": statistics.median(passes.rates),
        "pass_cpu_stall": passes.stalls,
    }


def _measure_processes(model_dir: Path, texts: list[str], args, workers: int) -> _Passes:
    # Spawned, not forked: each worker starts torch afresh and sets its own thread count.
    context = multiprocessing.get_context("spawn")
    start_gate = context.Barrier(workers + 1)
    done = context.Queue()
    work = (model_dir, texts, args.warmup, args.iterations, args.passes, start_gate, done)
    procs = [context.Process(target=_worker, args=work) for _ in range(workers)]
    for proc in procs:
        proc.start()
    passes = _Passes()
    try:
        for _ in range(args.passes):
            # A worker that dies while loading breaks the barrier instead of hanging the run;
            # one that dies later leaves the queue empty until the timeout.
            start_gate.wait(timeout=GATE_TIMEOUT_SECONDS)
            with _PassClock(passes, workers * len(texts) * args.iterations):
                for _ in range(workers):
                    done.get(timeout=GATE_TIMEOUT_SECONDS)
    finally:
        for proc in procs:
            proc.join(timeout=60)
    return passes


def _worker(model_dir, texts, warmup, iterations, passes, start_gate, done) -> None:
    try:
        _pin_torch_threads()
        compressor = _open_compressor(model_dir)
        _run_iterations(compressor, texts, warmup)
    except BaseException:
        start_gate.abort()
        raise
    for _ in range(passes):
        start_gate.wait(timeout=GATE_TIMEOUT_SECONDS)
        _run_iterations(compressor, texts, iterations)
        done.put("done")


def _write(out: Path, report: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _log(f"wrote {out}")


def _log(message: str) -> None:
    print(f"[reference] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
