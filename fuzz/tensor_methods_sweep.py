"""Sweep of every tensor method against PyTorch: each public method of torch.Tensor, on edge
tensors (0-d float/int/bool, empty (0,), (2, 0, 3) and int (0,), small float/int/bool vectors and
matrices, one holding NaN and -inf), with each of ~50 argument patterns (no arguments, dims in
and out of range, pairs and triples of dims, index tensors in and out of range, the tensor
itself, numbers, bools, tuples, empty lists, huge sizes). One program per (method, tensor); each
call prints its result or its exception's class and message.

    python3 fuzz/tensor_methods_sweep.py [--methods sum,topk] [--inception .build/release/inception] [--python python3]

The --python must have torch. Reports every program that crashed or hung (a Swift trap is the
first thing to fix), then counts of calls by outcome: a different value, accepted here where
PyTorch raises, raised here where PyTorch accepts, a different exception class. Methods this
language does not have are skipped. Thirty-ninth session: 4,932 programs; it found the traps of
size(0), stride(0), cross, repeat_interleave, tensor_split, unique(dim=), unflatten on a 0-d tensor.
"""
import argparse, os, re, subprocess, sys, tempfile, collections
from differential_harness import run, crashed

SKIP = {'backward', 'register_hook', 'register_post_accumulate_grad_hook', 'retain_grad', 'apply_', 'map_', 'map2_',
        'share_memory_', 'pin_memory', 'cuda', 'cpu', 'numpy', 'storage', 'untyped_storage', 'data_ptr', 'set_',
        'resize_', 'resize_as_', 'random_', 'normal_', 'uniform_', 'exponential_', 'geometric_', 'cauchy_',
        'log_normal_', 'bernoulli_', 'bernoulli', 'multinomial', 'new_empty', 'empty_like', 'record_stream',
        'to_sparse', 'is_shared', 'dim_order', 'storage_offset'}
TENSORS = {
    'z0': 'torch.tensor(2.5)', 'zi': 'torch.tensor(3)', 'zb': 'torch.tensor(True)',
    'e1': 'torch.zeros(0)', 'e3': 'torch.zeros(2, 0, 3)', 'ei': 'torch.zeros(0, dtype=torch.long)',
    'v': 'torch.tensor([1.5, -2.0, 0.0])', 'vi': 'torch.tensor([3, -1, 0])', 'vb': 'torch.tensor([True, False, True])',
    'm': 'torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]])', 'mi': 'torch.tensor([[1, -2, 3], [0, 4, -1]])',
    'n': "torch.tensor([1.0, float('nan'), -float('inf')])",
}
ARGS = ['', '0', '-1', '1', '2', '-3', '5', '0, 0', '0, 1', '1, 0', '-1, 0', '0, -1', '2, 1', 'dim=0', 'dim=1', 'dim=-2',
        'dim=5', 'torch.tensor([0])', '0, torch.tensor([0])', '0, torch.tensor([5])', '0, torch.tensor([-1])', 'X', 'X, X',
        '0, X', '0, 0, 0', '0, 0, 1', '1, 1, 1', '2.5', '-1.5', 'True', '(0, 0)', '(0, 1)', '[]', '()', '0, keepdim=True',
        'torch.tensor(0)', 'torch.tensor(1.5)', 'torch.tensor([True])', '0, 5', '0, -5', '0, 1, 5', '(2, 2)', '-1, -1',
        '0, 2, 1', '3, 0', 'torch.zeros(0)', 'torch.zeros(0, dtype=torch.long)', '0, torch.zeros(0, dtype=torch.long)',
        '1e30', 'float("nan")', '10**6, 10**6']
HEADER = '''import torch
def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__, str(e).split(chr(10))[0][:160])
        return
    print(label, "ok", repr(r).replace(chr(10), " ")[:300])
'''


def program(name, tensor):
    lines = [HEADER, f'if not hasattr(torch.ones(1), "{name}"):\n    print("absent")\n    raise SystemExit']
    for i, a in enumerate(ARGS):
        lines.append(f'X = {TENSORS[tensor]}')
        lines.append(f'show("{name}|{tensor}|{i}", lambda: X.clone().{name}({a.replace("X", "X.clone()")}))')
    return '\n'.join(lines) + '\n'


REFERENCE = """
import contextlib, glob, io, sys, warnings, torch
warnings.filterwarnings('ignore')
for path in sorted(glob.glob(sys.argv[1] + '/*.py')):
    out = io.StringIO()
    torch.manual_seed(0)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})
        except BaseException as e:
            pass
    open(path[:-3] + '.ref', 'w').write(out.getvalue())
"""

NUMBER = re.compile(r'-?(?:\d+\.\d*|\.\d+|\d+)(?:e[+-]?\d+)?')


def close(a, b):
    if NUMBER.sub('#', a) != NUMBER.sub('#', b): return False
    for p, q in zip(NUMBER.findall(a), NUMBER.findall(b)):
        fp, fq = float(p), float(q)
        if fp != fq and abs(fp - fq) > max(1e-4, 1.5e-4 * max(abs(fp), abs(fq))): return False
    return True


def outcome(expected, got):
    """The kind of difference between two result lines (without their label), or None."""
    a, b = expected.split(' '), got.split(' ')
    if a[0] == b[0] == 'raises': return None if a[1] == b[1] else 'class'
    if expected == got or close(expected, got): return None
    if a[0] == b[0] == 'ok': return 'value'
    return 'raised here' if a[0] == 'ok' else 'accepted here'


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument("--methods", default="")
    parser.add_argument("--inception", default=".build/release/inception")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    names = args.methods.split(',') if args.methods else subprocess.run(
        [args.python, '-c', 'import torch; print(" ".join(n for n in dir(torch.Tensor) if not n.startswith("_")))'],
        capture_output=True, text=True).stdout.split()
    folder = tempfile.mkdtemp(prefix="tensor-methods-sweep-")
    paths = []
    for name in names:
        if name in SKIP: continue
        for tensor in TENSORS:
            paths.append(os.path.join(folder, f"{name}__{tensor}.py"))
            with open(paths[-1], "w") as f: f.write(program(name, tensor))
    # PyTorch's side in one process (importing torch takes a second): each program's stdout to PATH.ref
    subprocess.run([args.python, '-c', REFERENCE, folder], check=True)
    counts, examples, broken = collections.Counter(), collections.defaultdict(list), []
    for path in paths:
        got, code, err = run([args.inception, "run"], path, 30)
        if crashed(got, code, err):
            broken.append(path)
            continue
        if got.startswith("absent"): continue
        mine = dict(line.split(' ', 1) for line in got.splitlines() if ' ' in line)
        for line in open(path[:-3] + '.ref').read().splitlines():
            label, _, result = line.partition(' ')
            if label not in mine: continue
            kind = outcome(result, mine[label])
            if kind:
                counts[kind] += 1
                examples[kind].append(f"{label}: PyTorch {result[:120]} | here {mine[label][:120]}")
    for kind, items in examples.items():
        print(f"-- {kind} ({len(items)}), first ones:")
        for e in items[:15]: print("  ", e)
    for path in broken: print("CRASH OR HANG:", path)
    print(", ".join(f"{n} {k}" for k, n in counts.items()), f"; {len(broken)} crashed or hung (programs in {folder})")
    raise SystemExit(1 if broken else 0)
