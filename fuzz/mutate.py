#!/usr/bin/env python3
"""A mutation campaign against the built binary (release by default): mutated scripts,
weight/tensor/image files and REPL lines, each run in a scratch folder with a timeout.
A crash is a signal exit, "Fatal error", a backtrace, or an exit status other than the
documented ones. Usage: fuzz/mutate.py [--binary PATH] [--scripts N] [--files N] [--repl N]
[--seed S] [--keep DIR]; prints the counts and every crashing input (kept in --keep)."""
import argparse, glob, os, random, re, shutil, struct, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--binary", default=".build/release/inception")
ap.add_argument("--scripts", type=int, default=3000)
ap.add_argument("--files", type=int, default=2000)
ap.add_argument("--repl", type=int, default=600)
ap.add_argument("--seed", type=int, default=17)
ap.add_argument("--keep", default="fuzz/findings/mutation")
ap.add_argument("--timeout", type=float, default=15)
args = ap.parse_args()
rng = random.Random(args.seed)
binary = os.path.abspath(args.binary)
os.makedirs(args.keep, exist_ok=True)
scratch = tempfile.mkdtemp(prefix="inception-mutate-")
env = dict(os.environ, XDG_STATE_HOME=scratch + "/state", INCEPTION_MEMORY_BUDGET="512M", OPENBLAS_NUM_THREADS="1")
stats = {"runs": 0, "crashes": 0, "timeouts": 0}
crashes = []

def is_crash(rc, err):
    if rc is None: return False
    if rc < 0 or rc >= 128 and rc != 130: return True
    return any(s in err for s in ("Fatal error", "Backtracing", "Program crashed", "Segmentation", "AddressSanitizer"))

def run(argv, stdin=None, label="", payload=b"", ext=""):
    stats["runs"] += 1
    try:
        p = subprocess.run([binary] + argv, input=stdin, capture_output=True, timeout=args.timeout, cwd=scratch, env=env)
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        stats["timeouts"] += 1
        rc, err = None, ""
        keep = os.path.join(args.keep, f"timeout-{label}-{stats['runs']}{ext}")
        open(keep, "wb").write(payload)
    if is_crash(rc, err):
        stats["crashes"] += 1
        keep = os.path.join(args.keep, f"crash-{label}-{stats['runs']}{ext}")
        open(keep, "wb").write(payload)
        crashes.append((label, keep, rc, (err.strip().splitlines() or [""])[0][:200]))
    return rc, err

# ---- scripts ----
seeds = []
for md in sorted(glob.glob("Lessons/*.md")):
    seeds += re.findall(r"```inception\n(.*?)```", open(md).read(), re.S)
seeds += [open(p).read() for p in sorted(glob.glob("Tests/InceptionLanguageTests/Differential/programs/*.py"))]
seeds += [open(p).read() for p in sorted(glob.glob("Lessons/solutions/*"))[:20] if os.path.isfile(p)]
seeds = [s for s in seeds if len(s) < 5000]
interesting = ["0", "-1", "1", "2**63", "-2**63", "2**62", "10**9", "10**18", "1e308", "-1e308", "float('nan')", "float('inf')",
               "None", "[]", "()", "''", "torch.ones(0)", "torch.ones(0, 3)", "torch.randn(1, 3, 8, 8)", "True", "-0.0", "2**31", "65536"]
tokens = ["(", ")", "[", "]", "{", "}", ":", ",", ".", "*", "**", "@", "-", "+", "/", "//", "%", "not ", "lambda: ", " for i in range(3)",
          "\n", "\n    ", "\t", "'", '"', "#", "\\", "=", "==", " if 1 else ", "torch.", "nn.", ".backward()", ".grad", "requires_grad=True",
          ".view(-1)", ".expand(", ".repeat(", "torch.cat(", "torch.stack(", ".topk(", "torch.full(", "torch.arange(", ".sum(dim=",
          "\u00a0", "\ufeff", "é", "\x00", "x" * 300]
def mutate_text(s):
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        if not s: s = rng.choice(seeds)
        i = rng.randrange(len(s) + 1)
        if op < 0.25:      # replace a number
            nums = list(re.finditer(r"\b\d+(\.\d+)?\b", s))
            if nums:
                m = rng.choice(nums); s = s[:m.start()] + rng.choice(interesting) + s[m.end():]
        elif op < 0.45: s = s[:i] + rng.choice(tokens) + s[i:]
        elif op < 0.6:     # delete a span
            j = min(len(s), i + rng.randint(1, 20)); s = s[:i] + s[j:]
        elif op < 0.7:     # duplicate a line
            lines = s.split("\n"); k = rng.randrange(len(lines)); lines.insert(k, lines[k] * rng.choice([1, 2, 50])); s = "\n".join(lines)
        elif op < 0.8:     # splice another seed
            o = rng.choice(seeds); j = rng.randrange(len(o) + 1); s = s[:i] + o[j:j + rng.randint(10, 400)] + s[i:]
        elif op < 0.9:     # nest
            k = rng.choice([10, 300, 3000]); s = s[:i] + rng.choice(["(", "[", "not ", "-", "{1: "]) * k + s[i:]
        else:              # flip bytes
            b = bytearray(s.encode("utf-8", "replace"))
            for _ in range(rng.randint(1, 8)):
                if b: b[rng.randrange(len(b))] = rng.randrange(256)
            s = b.decode("utf-8", "replace")
    return s

t0 = time.time()
for n in range(args.scripts):
    src = mutate_text(rng.choice(seeds))
    path = os.path.join(scratch, "m.inc")
    open(path, "w", encoding="utf-8", errors="replace").write(src)
    rc, err = run(["run", path], label="script", payload=src.encode("utf-8", "replace"), ext=".inc")
    if rc is not None and rc not in (0, 65, 70, 1, 130) and not is_crash(rc, err):
        crashes.append(("script-unexpected-status", "", rc, err[:200]))
script_runs = stats["runs"]
print(f"scripts: {args.scripts} runs in {time.time() - t0:.0f}s, {stats['crashes']} crashes, {stats['timeouts']} timeouts", flush=True)

# ---- files ----
def npy(shape, descr="<f4", n=None):
    h = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, "".join(f"{d}, " for d in shape))
    h += " " * (64 - (10 + len(h) + 1) % 64) + "\n"
    count = 1
    for d in shape: count *= d
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode() + bytes(4 * count if n is None else n)
file_seeds = {
    "npy": [npy((1, 3, 32, 32)), npy((2, 3, 16, 16)), npy((1, 1000)), npy((3,), "<i8", 24), npy((1, 3, 64, 64), "<f8", 8 * 3 * 64 * 64)],
    "safetensors": [open(p, "rb").read() for p in ["Tests/TestSupport/Fixtures/grad/grad_total_loss.safetensors"]] + [open(p, "rb").read() for p in glob.glob("fuzz/corpus/safetensors/*")],
    "png": [open(p, "rb").read() for p in glob.glob("fuzz/corpus/images/*.png")] + [open("Lessons/assets/sample.png", "rb").read()],
    "jpg": [open(p, "rb").read() for p in glob.glob("fuzz/corpus/images/*.jpg")],
}
def mutate_bytes(b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 10)):
        op = rng.random()
        if not b: b = bytearray(b"\x00")
        i = rng.randrange(len(b))
        if op < 0.4: b[i] = rng.randrange(256)
        elif op < 0.55: b[i:i + 4] = struct.pack("<I", rng.choice([0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 65535, 20000, 1 << 20]))
        elif op < 0.7: del b[i:i + rng.randint(1, 64)]
        elif op < 0.8: b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        elif op < 0.9: b = b[:rng.randrange(len(b) + 1)]
        else:
            s = b.decode("latin-1")
            s = re.sub(r"\d+", lambda m: rng.choice(["0", "-1", "99999999999", "4294967296", "1", m.group()]), s, count=rng.randint(1, 3))
            b = bytearray(s.encode("latin-1"))
    return bytes(b)

t1 = time.time(); before = stats["crashes"]
kinds = list(file_seeds)
for n in range(args.files):
    kind = kinds[n % len(kinds)]
    data = mutate_bytes(rng.choice(file_seeds[kind]))
    path = os.path.join(scratch, "f." + kind)
    open(path, "wb").write(data)
    if kind == "npy":
        argv = rng.choice([["forward", "--input", path], ["run", os.path.join(scratch, "load.inc")]])
        open(os.path.join(scratch, "load.inc"), "w").write(f"import torch\nx = load('{path}')\nprint(x.shape, x.sum())\n")
    elif kind == "safetensors":
        argv = rng.choice([["forward", "--weights", path, "--random", "1,3,64,64"], ["run", os.path.join(scratch, "st.inc")]])
        open(os.path.join(scratch, "st.inc"), "w").write(f"import torch\nsd = torch.load('{path}')\nprint(sorted(sd.keys())[:3])\nm = torch.nn.Linear(2, 2)\nload_weights(m, '{path}', strict=False)\n")
    else:
        argv = rng.choice([["forward", "--image", path], ["features", "--module", "conv1", "--image", path, "--out", os.path.join(scratch, "g.png")]])
    run(argv, label="file-" + kind, payload=data, ext="." + kind)
print(f"files: {args.files} runs in {time.time() - t1:.0f}s, {stats['crashes'] - before} crashes", flush=True)

# ---- REPL ----
commands = [":heatmap x {a} {b}", ":show x{s}", ":summary {shape}", ":stats {p}", ":hist {p}", ":shape {p}", ":params {p}", ":diagram {p}",
            ":savings {p}", ":break {p}", ":step", ":continue", ":where", ":grad {p}", ":mode {w}", ":trace {w}", ":threads {a}", ":save x {f}",
            ":next", ":prev", ":cell {a}", ":again", ":restart", ":check {w}", ":hint", ":progress", ":help {w}", ":q {w}", ":lesson {a}",
            "x = torch.randn({shape})", "y = net(x)", "net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())", "loss = y.sum()", "loss.backward()",
            "print(x.shape)", "x[{a}]", "x.view({shape})"]
fill = {"a": ["0", "-1", "1", "-100000", "99999999999", "2**63", "", "x", "1.5", "9223372036854775807"],
        "b": ["0", "-1", "5", "-9223372036854775808", ""],
        "s": ["[0]", "[0, :2]", "[-1, -1, -1, -1]", "[::-1]", "[0:99999999999]", "[", "[,]", "[a:b]", "[1:2:3]", "[-9223372036854775808]"],
        "shape": ["1,3,8,8", "0,3,8,8", "4611686018427387904,3,224,224", "-1,3", "1,3,224", "", "1,,3", "2**40,2**40", "1,3,16,16"],
        "p": ["x", "net", "net.0", "conv1", "inception3a", "inception3a.conv3x3", "does.not.exist", "", "y", "loss"],
        "w": ["on", "off", "train", "eval", "foo", "", "1", "stem"],
        "f": ["a.npy", "/etc/passwd.npy", "../x.npy", "x.png", "/dev/null", ""]}
t2 = time.time(); before = stats["crashes"]
for n in range(args.repl):
    lines = []
    for _ in range(rng.randint(3, 12)):
        c = rng.choice(commands)
        line = re.sub(r"\{(\w+)\}", lambda m: rng.choice(fill[m.group(1)]), c)
        if rng.random() < 0.15: line = mutate_text(line)
        lines.append(line.replace("\n", " "))
    text = "\n".join(lines + ["print('end of session')"]) + "\n"
    rc, err = run([], stdin=text.encode("utf-8", "replace"), label="repl", payload=text.encode("utf-8", "replace"), ext=".txt")
print(f"repl: {args.repl} sessions in {time.time() - t2:.0f}s, {stats['crashes'] - before} crashes", flush=True)

print(f"total: {stats['runs']} runs, {stats['crashes']} crashes, {stats['timeouts']} timeouts")
for c in crashes: print("  CRASH", c)
shutil.rmtree(scratch, ignore_errors=True)
sys.exit(1 if stats["crashes"] else 0)
