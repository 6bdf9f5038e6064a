#!/usr/bin/env python3
"""Layer by layer: where `inception bench` spends a forward pass, beside ONNX Runtime's profiler
and OpenVINO's performance counters on the same graph (the seed network, eval mode, 2 threads).

  bench/layer_profile.py [--batch 1] [--threads 2] [--repeat 30]
                         [--binary .build/release/inception] [--venv /tmp/inception-anchors]
                         [--out docs/benchmarks/DATE-CPU-layers-bB.md]

Rows are our plan's steps (`inception bench --json --layers 200`: a merged 1×1 step is three
convolutions, a fused step is Conv+BN+ReLU). Each engine's per-node times are summed onto the
modules they belong to: the graph's nodes are named after the module whose output they make
(ONNX Runtime fuses Conv+BN+ReLU and OpenVINO fuses more; a fused node counts for the module its
output belongs to). Times are per forward pass, medians over the runs (ours: median of 5 timed
passes per step, as `bench --layers` prints them). Writes a markdown table, largest gaps first.
"""
import argparse, collections, datetime, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from side_by_side import cpu_description, ensure_venv, run_json  # noqa: E402

# Runs inside the anchors' virtual environment: profiles both engines, prints {engine: {node: ms}}.
PROFILER = r'''
import json, os, sys, glob, statistics, collections
import numpy as np, onnx
model_path, batch, threads, repeat, workdir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
m = onnx.load(model_path)
# Name every node after the module whose output it makes: "inception3a.conv3x3.1_conv_12" →
# "inception3a.conv3x3.1". A max-pool's module is found from its consumer (the pool branch's 1×1)
# or, at the top level, counted in order (maxpool1 … maxpool4).
consumers = collections.defaultdict(list)
for n in m.graph.node:
    for i in n.input: consumers[i].append(n)
top_pools, module_by_output = 0, {}
for i, n in enumerate(m.graph.node):
    out = n.output[0]
    if n.op_type == "MaxPool":
        users = consumers[out]
        branch = [u for u in users if ".maxpool_conv1x1.1_" in u.output[0]]
        if branch and len(users) == 1:
            n.name = branch[0].output[0].split(".maxpool_conv1x1.1_")[0] + ".maxpool_conv1x1.0"
        else:
            top_pools += 1; n.name = f"maxpool{top_pools}"
    elif n.op_type == "Concat": n.name = out.rsplit("_", 1)[0] + ".concat"
    elif n.op_type == "Gemm": n.name = "classifier"
    elif n.op_type in ("GlobalAveragePool", "Flatten"): n.name = "gap" if n.op_type == "GlobalAveragePool" else "flatten"
    else: n.name = out.rsplit("_", 2)[0]             # "<module>_<conv|bn|relu>_<counter>"
    n.name += f"/{n.op_type}_{i}"                     # node names must be unique
    module_by_output[out] = n.name
named = os.path.join(workdir, "named.onnx"); onnx.save(m, named)
x = np.random.default_rng(0).standard_normal((batch, 3, 224, 224), dtype=np.float32)
result = {}

import onnxruntime as ort
so = ort.SessionOptions(); so.intra_op_num_threads = threads; so.inter_op_num_threads = 1
so.enable_profiling = True; so.profile_file_prefix = os.path.join(workdir, "ort")
s = ort.InferenceSession(named, so, providers=["CPUExecutionProvider"])
for _ in range(3): s.run(None, {"x": x})
for _ in range(repeat): s.run(None, {"x": x})
trace = json.load(open(s.end_profiling()))
runs = collections.defaultdict(list)
for e in trace:
    if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
        node = e["name"][: -len("_kernel_time")]
        # ONNX Runtime's layout pass rebuilds nodes and names them after their output
        node = module_by_output.get(node.removesuffix("_nchwc"), node)
        runs[node].append(e["dur"] / 1000)
# the last `repeat` runs of each node (the first 3 were warm-up)
result["onnxruntime " + ort.__version__] = {k: statistics.median(v[-repeat:]) for k, v in runs.items()}

import openvino as ov
core = ov.Core(); om = core.read_model(named)
om.reshape({om.inputs[0].get_any_name(): [batch, 3, 224, 224]})
c = core.compile_model(om, "CPU", {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY",
                                   "INFERENCE_PRECISION_HINT": "f32", "PERF_COUNT": True})
# a fused node's profile name is one of OpenVINO's own; its original ONNX nodes are in rt_info
original = {}
for op in c.get_runtime_model().get_ops():
    info = op.get_rt_info()
    if "originalLayersNames" in info:
        names = [n for n in info["originalLayersNames"].astype(str).split(",") if "/" in n]
        if names: original[op.get_friendly_name()] = names[0]
req = c.create_infer_request()
for _ in range(3): req.infer({0: x})
runs = collections.defaultdict(list)
for _ in range(repeat):
    req.infer({0: x})
    per = collections.Counter()
    for p in req.profiling_info:
        if p.status == p.Status.EXECUTED: per[original.get(p.node_name, p.node_name)] += p.real_time.total_seconds() * 1000
    for k, v in per.items(): runs[k].append(v)
result["openvino " + ov.__version__] = {k: statistics.median(v) for k, v in runs.items()}
print(json.dumps(result))
'''


def module_of(node):
    """An engine's node name → the module it belongs to (fused nodes keep their first name;
    OpenVINO may append its own suffixes after the ONNX name)."""
    node = re.split(r"[ /:]", node)[0]
    node = re.sub(r"_nchwc$", "", node)                   # ONNX Runtime's fused Conv+BN+ReLU in NCHWc
    return re.sub(r"_(conv|bn|relu)_\d+$", "", node)     # … named after its output


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--binary", default=".build/release/inception")
    ap.add_argument("--venv", default="/tmp/inception-anchors")
    ap.add_argument("--out")
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} not found: build it first with `swift build -c release`")
    python = ensure_venv(a.venv, train=False)
    onnx_path = os.path.join(a.venv, "seed.onnx")
    if not os.path.exists(onnx_path):
        run_json([python, os.path.join(HERE, "anchors", "onnxruntime_anchor.py"), "--repeat", "1", "--save-onnx", onnx_path, "--json"])

    ours = run_json([a.binary, "bench", "--batch", str(a.batch), "--threads", str(a.threads), "--repeat", str(a.repeat),
                     "--layers", "1000", "--json"])
    with tempfile.TemporaryDirectory() as work:
        script = os.path.join(work, "profile.py")
        with open(script, "w") as f:
            f.write(PROFILER)
        out = subprocess.run([python, script, onnx_path, str(a.batch), str(a.threads), str(a.repeat), work],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"profiling failed:\n{out.stderr.strip()}")
        engines = json.loads(out.stdout.strip().splitlines()[-1])

    # Our rows, and which modules each covers.
    rows = [(l["path"], l["type"], l["ms"], l["path"].split(" + ")) for l in ours["slowest_layers"]]
    owner = {m: path for path, _, _, mods in rows for m in mods}
    totals = {name: collections.Counter() for name in engines}
    unmatched = {name: collections.Counter() for name in engines}
    for name, nodes in engines.items():
        for node, ms in nodes.items():
            module = module_of(node)
            # OpenVINO may fold a module into its consumer's node; walk up "a.b.c" until one matches
            probe = module
            while probe not in owner and "." in probe: probe = probe.rsplit(".", 1)[0]
            if probe in owner: totals[name][owner[probe]] += ms
            else: unmatched[name][module] += ms
    names = list(engines)
    table = []
    for path, kind, ms, _ in rows:
        theirs = [totals[n][path] for n in names]
        table.append((path, kind, ms, theirs))
    best = lambda theirs: min(t for t in theirs if t > 0) if any(t > 0 for t in theirs) else 0
    table.sort(key=lambda r: -(r[2] - best(r[3])))

    cpu = cpu_description()
    date = datetime.date.today().isoformat()
    lines = [f"# Layer by layer, batch {a.batch}, {a.threads} threads: {cpu}", "",
             f"{date}. `bench/layer_profile.py --batch {a.batch} --threads {a.threads} --repeat {a.repeat}`. "
             f"Whole forward (median): ours {ours['median_ms']:.2f} ms; per-step times below are each engine's own "
             f"profile (ours: median of 5 timed passes per step; ONNX Runtime: its profiler's kernel times; "
             f"OpenVINO: PERF_COUNT real times), so they add up to less than the wall time. Sorted by how far "
             f"ours is behind the faster of the two (positive: we are slower).", "",
             "| step | kind | ours (ms) | " + " | ".join(f"{n} (ms)" for n in names) + " | ours − fastest (ms) |",
             "|---|---|---|" + "---|" * len(names) + "---|"]
    for path, kind, ms, theirs in table:
        lines.append(f"| {path} | {kind} | {ms:.3f} | " + " | ".join(f"{t:.3f}" for t in theirs) +
                     f" | {ms - best(theirs):+.3f} |")
    lines.append(f"| **sum of steps** | | **{sum(r[2] for r in table):.2f}** | " +
                 " | ".join(f"**{sum(totals[n].values()) + sum(unmatched[n].values()):.2f}**" for n in names) + " | |")
    for n in names:
        if unmatched[n]:
            lines += ["", f"{n}: nodes with no step of ours (concatenations, reorders, …): " +
                      ", ".join(f"{k} {v:.3f}" for k, v in unmatched[n].most_common(8)) +
                      f"; {sum(unmatched[n].values()):.2f} ms in all."]
    text = "\n".join(lines) + "\n"
    path = a.out or os.path.join(HERE, "..", "docs", "benchmarks",
                                 f"{date}-{re.sub(r'[^a-z0-9]+', '-', cpu.lower()).strip('-')}-layers-b{a.batch}.md")
    with open(path, "w") as f:
        f.write(text)
    print(text)
    print(f"written to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
