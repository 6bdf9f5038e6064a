#!/usr/bin/env python3
"""Side-by-side timing of `inception bench` against ONNX Runtime and OpenVINO (eval forward) or
PyTorch eager (one training step), in alternating rounds, so a noisy machine slows every engine
alike. Writes a results file naming the CPU, every engine's per-round medians and the ratios.

  bench/side_by_side.py [--mode eval|train] [--rounds 8] [--batches 1,8] [--threads 2]
                        [--binary .build/release/inception] [--venv /tmp/inception-anchors]
                        [--realtime] [--out docs/benchmarks/DATE-CPU-MODE.json]

The anchors (bench/anchors/*.py) run in a throwaway virtual environment that this script makes
on first use (pip install from PyPI: numpy onnx onnxruntime openvino, and torch for --mode train).
Our side: `inception bench --json` (eval) or `inception bench --mode train-step --json` (train),
the release build. Timing does not depend on the weights' values: each engine draws its own.

--realtime runs every engine alike under the real-time FIFO policy (`chrt -f 50`, as root): on a
machine shared with builds and tests, each engine's threads then take the cores from the other
work while they run, so the rounds measure the engines rather than the load. Linux still gives
other work 5% of each second (sched_rt_runtime_us), which shows as the odd slow step; the results
file says whether the rounds ran so.
"""
import argparse, datetime, json, os, platform, re, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ANCHORS = os.path.join(HERE, "anchors")


def cpu_description():
    """'AMD EPYC (family 26, model 2, avx512f)' from /proc/cpuinfo."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if ":" in line:
                    k, v = (s.strip() for s in line.split(":", 1))
                    info.setdefault(k, v)
    except OSError:
        return platform.processor() or "unknown CPU"
    flags = info.get("flags", "").split()
    isa = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else "sse2"
    return f"{info.get('model name', '?')} (family {info.get('cpu family', '?')}, model {info.get('model', '?')}, {isa})"


def ensure_venv(venv, train):
    python = os.path.join(venv, "bin", "python")
    wanted = ["numpy"] + (["torch"] if train else ["onnx", "onnxruntime", "openvino"])
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    missing = [p for p in wanted
               if subprocess.run([python, "-c", f"import {p}"], capture_output=True).returncode != 0]
    if missing:
        print(f"installing {' '.join(missing)} into {venv} …", flush=True)
        subprocess.run([python, "-m", "pip", "install", "-q"] + missing, check=True)
    return python


def run_json(command):
    """Runs a command that prints one JSON object (the whole output, or its last line), returns it."""
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{out.stderr.strip()}")
    try:
        return json.loads(out.stdout)                       # one (possibly pretty-printed) object
    except json.JSONDecodeError:
        line = [l for l in out.stdout.strip().splitlines() if l.startswith("{")][-1]
        return json.loads(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["eval", "train"], default="eval")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--batches", default=None, help="comma-separated (default 1,8 for eval, 8 for train)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--binary", default=".build/release/inception")
    ap.add_argument("--venv", default="/tmp/inception-anchors")
    ap.add_argument("--realtime", action="store_true", help="run every engine under chrt -f 50 (root)")
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.realtime and subprocess.run(["chrt", "-f", "50", "true"], capture_output=True).returncode != 0:
        sys.exit("--realtime needs `chrt` and the right to set a real-time policy (run as root), or leave it out")
    prefix = ["chrt", "-f", "50"] if a.realtime else []
    batches = [int(b) for b in (a.batches or ("1,8" if a.mode == "eval" else "8")).split(",")]
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} not found: build it first with `swift build -c release`")
    python = ensure_venv(a.venv, a.mode == "train")
    onnx_path = os.path.join(a.venv, "seed.onnx")
    if a.mode == "eval" and not os.path.exists(onnx_path):
        run_json([python, os.path.join(ANCHORS, "onnxruntime_anchor.py"), "--repeat", "1", "--save-onnx", onnx_path, "--json"])

    def engines(batch):
        t = str(a.threads)
        if a.mode == "train":
            return {
                "inception": [a.binary, "bench", "--mode", "train-step", "--batch", str(batch), "--threads", t, "--repeat", "5", "--json"],
                "pytorch": [python, os.path.join(ANCHORS, "torch_train_step_anchor.py"), "--batch", str(batch), "--threads", t,
                            "--repeat", "5", "--classes", "1000", "--json"],
            }
        return {
            "inception": [a.binary, "bench", "--batch", str(batch), "--threads", t, "--repeat", "20", "--json"],
            "onnxruntime": [python, os.path.join(ANCHORS, "onnxruntime_anchor.py"), "--batch", str(batch), "--threads", t,
                            "--repeat", "20", "--json"],
            "openvino": [python, os.path.join(ANCHORS, "openvino_anchor.py"), onnx_path, "--batch", str(batch), "--threads", t,
                         "--repeat", "20", "--json"],
        }

    medians = {b: {name: [] for name in engines(b)} for b in batches}
    extra = {}
    for r in range(a.rounds):
        for b in batches:
            order = list(engines(b).items())
            if r % 2: order.reverse()                     # alternate who goes first
            for name, command in order:
                result = run_json(prefix + command)
                medians[b][name].append(round(result["median_ms"], 3))
                if name == "inception":
                    extra.setdefault(b, {})["inception"] = {k: result[k] for k in ("kernel", "peak_rss_mb") if k in result}
            print(f"round {r + 1}/{a.rounds} batch {b}: " +
                  ", ".join(f"{n} {v[-1]:.1f} ms" for n, v in medians[b].items()), flush=True)

    summary = {}
    for b in batches:
        med = {n: statistics.median(v) for n, v in medians[b].items()}
        anchors = {n: m for n, m in med.items() if n != "inception"}
        best = min(anchors, key=anchors.get)
        # The ratio of each round's times, then their median: both engines saw the same moment.
        per_round = [ours / min(medians[b][n][i] for n in anchors) for i, ours in enumerate(medians[b]["inception"])]
        summary[str(b)] = {"median_ms": med, "fastest_anchor": best,
                           "ratio_to_fastest_anchor": round(statistics.median(per_round), 3),
                           "inception": extra.get(b, {}).get("inception", {})}
    cpu = cpu_description()
    record = {"date": datetime.date.today().isoformat(), "cpu": cpu, "threads": a.threads, "mode": a.mode,
              "rounds": a.rounds, "per_round_median_ms": {str(b): medians[b] for b in batches}, "summary": summary,
              "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"), "realtime": a.realtime}
    out = a.out or os.path.join(HERE, "..", "docs", "benchmarks",
                                f"{record['date']}-{re.sub(r'[^a-z0-9]+', '-', cpu.lower()).strip('-')}-{a.mode}.json")
    with open(out, "w") as f:
        json.dump(record, f, indent=2)
        f.write("\n")
    print(f"\n{cpu}, {a.threads} threads, {a.rounds} alternating rounds ({a.mode}{', real-time' if a.realtime else ''})")
    print("| batch | " + " | ".join(f"{n} (ms)" for n in medians[batches[0]]) + " | ours / fastest |")
    print("|---|" + "---|" * (len(medians[batches[0]]) + 1))
    for b in batches:
        s = summary[str(b)]
        print(f"| {b} | " + " | ".join(f"{m:.1f}" for m in s["median_ms"].values()) + f" | {s['ratio_to_fastest_anchor']:.2f} |")
    print(f"written to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
