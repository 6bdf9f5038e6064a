"""Differential fuzzing of tensor operations against PyTorch: random programs over small float,
int and bool tensors of broadcast-compatible and incompatible shapes, each line one operation
(elementwise arithmetic with tensors and Python numbers, comparisons, reductions with and
without dims, indexing with ints, slices, masks and index tensors, shape changes, dtype
conversions, in-place updates of clones, concatenation, sorting) whose result or error class is
printed, and a backward pass through a random chain whose leaf gradient is printed.
Each program's stdout here must equal PyTorch's, numbers to 1.5e-4 relative (1e-4 absolute:
tensors print 4 decimals), everything else exactly.

    python3 fuzz/tensor_ops_differential.py [--count 200] [--seed 0] [--inception .build/release/inception] [--python python3]

The --python must have torch. Prints the programs that differ (kept in a temporary folder) with
their first differing line, and a count by outcome.
"""
import argparse, random, re, sys
from differential_harness import compare_all

HEADER = '''import torch
torch.manual_seed(0)
def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return
    print(label, r)
'''
SHAPES = [(3,), (4,), (2, 3), (3, 1), (1, 3), (2, 1, 3), (2, 3, 4), (1,), ()]


def make_tensor(r, name):
    shape = r.choice(SHAPES)
    kind = r.choice(['float', 'float', 'float', 'int', 'bool'])
    dims = ', '.join(map(str, shape)) + (',' if len(shape) == 1 else '')
    dims = f'({dims})' if shape else '()'
    if not shape: dims = '(())'          # torch.randn() with no size is a TypeError
    if kind == 'float': return f'{name} = torch.randn{dims}', shape, kind
    if kind == 'int': return f'{name} = torch.randint(-4, 5, {dims[1:-1] if not shape else dims})', shape, kind
    return f'{name} = torch.randn{dims} > 0', shape, kind


def scalar(r):
    return r.choice(['2', '-3', '0', '0.5', '-1.5', '1e-3', 'True', '3'])


def dim(r, shape):
    if not shape: return r.choice(['0', '-1'])
    return str(r.randint(-len(shape) - (1 if r.random() < 0.1 else 0), len(shape) - 1 + (1 if r.random() < 0.1 else 0)))


def unary(r, x, shape, kind):
    d = dim(r, shape)
    options = [
        f'{x}.abs()', f'-{x}', f'{x}.sum()', f'{x}.sum(dim={d})', f'{x}.sum({d}, keepdim=True)', f'{x}.mean()',
        f'{x}.float().mean({d})', f'{x}.max()', f'{x}.max(dim={d})', f'{x}.min({d}).values', f'{x}.argmax()',
        f'{x}.argmax(dim={d})', f'{x}.cumsum({d})', f'{x}.prod()', f'{x}.float().std()', f'{x}.float().var({d})',
        f'{x}.t()', f'{x}.T', f'{x}.transpose(0, {d})', f'{x}.reshape(-1)', f'{x}.view(-1, 1)', f'{x}.flatten()',
        f'{x}.unsqueeze({d})', f'{x}.squeeze()', f'{x}.squeeze({d})', f'{x}.float()', f'{x}.long()', f'{x}.int()',
        f'{x}.bool()', f'{x}.clamp(min=-0.5, max=0.5)', f'{x}.clamp(min=0)', f'{x}.relu()', f'torch.sigmoid({x})',
        f'{x}.sign()', f'{x}.floor()', f'{x}.round()', f'{x}.sort({d})', f'{x}.sort(descending=True).indices',
        f'{x}.topk(1)', f'{x}.flip({d})', f'{x}.roll(1, {d})', f'{x}.any()', f'{x}.all()', f'{x}.nonzero()',
        f'{x}.unique()', f'{x}.tolist()', f'{x}.item()', f'{x}.shape', f'{x}.dtype', f'{x}.numel()', f'{x}.dim()',
        f'{x}[0]', f'{x}[-1]', f'{x}[:, 0]', f'{x}[..., ::2]', f'{x}[1:]', f'{x}[None]', f'{x}[{x} > 0]',
        f'{x}[torch.tensor([0, 0])]', f'{x}.exp()', f'{x}.float().log()', f'{x}.sqrt()', f'{x}.float().softmax({d})',
        f'{x}.expand(2, *{x}.shape)', f'{x}.repeat(2, *([1] * {x}.dim()))', f'{x}.masked_fill({x} > 0, 7)',
        f'{x}.argsort({d})', f'{x}.median()', f'{x}.logsumexp({d})', f'{x}.norm()', f'{x}.count_nonzero()',
        f'{x}.cummax({d}).indices', f'torch.diff({x})', f'{x}.nan_to_num()', f'{x}.to(torch.int64)',
        f'{x}.type(torch.float32)', f'{x}.chunk(2)', f'{x}.split(1)', f'{x}.contiguous().view({x}.numel())',
        # picking along a dim, windows, triangles, scans
        f'{x}.index_select({d}, torch.tensor([0, 0]))', f'{x}.gather({d}, torch.zeros_like({x}, dtype=torch.long))',
        f'{x}.gather({d}, {x}.long().abs() % 2)', f'torch.take_along_dim({x}, {x}.argsort({d}), {d})',
        f'torch.zeros_like({x}).scatter({d}, torch.zeros_like({x}, dtype=torch.long), {x})',
        f'{x}.scatter_add({d}, {x}.long().abs() % 2, {x})', f'{x}.float().scatter_reduce({d}, torch.zeros_like({x}, dtype=torch.long), {x}.float(), "amax")',
        f'{x}.narrow({d}, 0, 1)', f'{x}.narrow({d}, -1, 1)', f'{x}.unfold({d}, 2, 1)', f'{x}.tril()', f'{x}.triu(1)', f'torch.tril({x}, -1)',
        f'{x}.cumprod({d})', f'{x}.float().logcumsumexp({d})', f'torch.cummin({x}, {d}).values',
        # elementwise corners: signs, rounding division, remainders of negatives, NaN and inf
        f'{x}.sgn()', f'torch.signbit({x})', f'torch.floor_divide({x}, -2)', f'{x}.div(-3, rounding_mode="floor")',
        f'{x}.div(2, rounding_mode="trunc")', f'torch.remainder({x}, -2)', f'{x} % -3', f'-7 % {x}', f'torch.fmod({x}, -3)',
        f'({x}.float() / 0).nan_to_num(posinf=9.0)', f'torch.nan_to_num({x}.float().log(), nan=0.5)', f'torch.logical_not({x})',
        f'{x} << 1', f'{x} >> 1', f'{x}.int() << 3', f'~{x}', f'torch.where({x} > 0, 1.5, -1)', f'torch.where({x} > 0, {x}, 0)',
        # dtype promotion (int32, int64, float, bool, 0-d); integers past ±2**24 are refused here (stored as float32)
        f'{x}.long() * 2**20', f'{x}.int() * 2**21', f'{x}.int() + torch.tensor(3)', f'{x}.int() * 1.5',
        f'{x} + torch.tensor(2.5)', f'{x} * torch.tensor(True)', f'{x}.bool() + {x}.bool()', f'({x}.int() + torch.tensor(1)).dtype',
        f'{x}.int() // torch.tensor([2])', f'{x}.int().sum().dtype', f'{x}.bool().sum()', f'{x}.int().cumsum(0).dtype',
        f'{x}.int().prod()', f'{x}.int().mean()', f'torch.tensor(7) // {x}', f'{x}.int() ** 2', f'2 ** {x}.int()',
    ]
    return r.choice(options)


def binary(r, x, y):
    op = r.choice(['+', '-', '*', '/', '//', '%', '**', '==', '<', '>=', '&', '|', '^', '@'])
    s = scalar(r)
    return r.choice([
        f'{x} {op} {y}', f'{x} {op} {s}', f'{s} {op} {x}', f'torch.maximum({x}, {y})', f'torch.where({x} > 0, {x}, {y})',
        f'torch.cat([{x}, {y}])', f'torch.cat([{x}, {y}], dim=-1)', f'torch.stack([{x}, {y}])', f'torch.matmul({x}, {y})',
        f'{x}.add({y}, alpha=2)', f'torch.minimum({x}, {y})', f'{x}.eq({y})', f'torch.equal({x}, {y})',
        f'torch.broadcast_tensors({x}, {y})', f'{x}.expand_as({y})', f'torch.fmod({x}, {y})', f'torch.remainder({x}, {s})',
        f'{x}.masked_fill({y} > 0, {s})', f'torch.lerp({x}.float(), {y}.float(), 0.25)', f'torch.atan2({x}.float(), {y}.float())',
        f'{x}.clamp(min={y})', f'torch.clamp({x}, {y}, {y} + 1)', f'{x}.clamp(max={y}.float())', f'torch.lerp({x}.float(), {y}.float(), {y}.float())',
        f'torch.addcmul({x}, {y}, {x}, value=0.5)', f'torch.addcdiv({x}.float(), {y}.float(), {x}.float().abs() + 1, value=2)',
        f'torch.where({x} > 0, {s}, {y})', f'torch.logical_and({x}, {y})', f'torch.logical_or({x}, {y})', f'torch.logical_xor({x}, {y})',
        f'{x} << {y}', f'{x} >> {y}', f'torch.floor_divide({x}, {y})', f'{x}.div({y}, rounding_mode="floor")', f'torch.remainder({x}, {y})',
        f'{x}.int() + {y}.long()', f'{x}.int() * {y}', f'torch.bitwise_and({x}.int(), {y})', f'{x}.copysign({y})', f'torch.heaviside({x}, {y})',
        f'torch.index_select({x}, 0, {y}.long().abs() % 2)', f'{x}.gather(0, {y}.long().abs() % 2)', f'torch.take_along_dim({x}, {y}.long().abs() % 2)',
        f'torch.einsum("i,i->", {x}, {y})', f'torch.einsum("ij,jk->ik", {x}, {y})', f'torch.select_scatter({x}, {y}, 0, 0)',
        f'torch.slice_scatter({x}, {y}, 0, 0, 1)', f'torch.diagonal_scatter({x}, {y})',
    ])


def in_place(r, x, y, shape):
    z = r.choice([f'{x}.add_({y})', f'{x}.mul_({scalar(r)})', f'{x}.clamp_(min=0)', f'{x}[0] = {scalar(r)}',
                  f'{x} += {y}', f'{x} *= {scalar(r)}', f'{x}[{x} > 0] = 0', f'{x}.fill_({scalar(r)})',
                  f'{x}.sub_({y})', f'{x}.div_(2)', f'{x}.copy_({y})', f'{x}.zero_()'])
    return z


def program(seed):
    r = random.Random(seed)
    lines = [HEADER]
    pool = []
    for i in range(4):
        line, shape, kind = make_tensor(r, f't{i}')
        lines.append(line)
        pool.append((f't{i}', shape, kind))
    for n in range(24):
        x, shape, kind = r.choice(pool)
        y = r.choice(pool)[0]
        roll = r.random()
        if roll < 0.45:
            lines.append(f'show("u{n}", lambda: {unary(r, x, shape, kind)})')
        elif roll < 0.85:
            lines.append(f'show("b{n}", lambda: {binary(r, x, y)})')
        else:
            lines.append(f'c{n} = {x}.clone()')
            statement = in_place(r, f'c{n}', y, shape)
            lines.append('try:')
            lines.append(f'    {statement}')
            lines.append(f'    print("i{n}", c{n})')
            lines.append('except Exception as e:')
            lines.append(f'    print("i{n}", "raises", type(e).__name__)')
    # a backward pass through a random chain of float operations
    shape = r.choice([s for s in SHAPES if s])
    dims = ', '.join(map(str, shape))
    lines.append(f'w = torch.randn({dims}, requires_grad=True)')
    lines.append(f'v = torch.randn({dims})')
    chain = 'w'
    for _ in range(r.randint(1, 4)):
        chain = r.choice([f'({chain} * v)', f'({chain} + 1).exp()', f'{chain}.tanh()', f'{chain}.sigmoid()',
                          f'({chain} ** 2)', f'{chain}.relu()', f'({chain} / (v.abs() + 1))', f'{chain}.softmax(-1)',
                          f'{chain}.abs()', f'{chain}.clamp(-0.5, 0.5)', f'torch.maximum({chain}, v)',
                          f'{chain}.sum(-1, keepdim=True)', f'{chain}.mean()', f'{chain}.cumsum(0)', f'({chain} - {chain}.max())',
                          f'{chain}.sin()', f'{chain}.sqrt()', f'{chain}.log_softmax(0)', f'{chain}.flip(0)'])
    lines.append('try:')
    lines.append(f'    out = {chain}.sum()')
    lines.append('    out.backward()')
    lines.append('    print("grad", out, w.grad)')
    lines.append('except Exception as e:')
    lines.append('    print("grad raises", type(e).__name__)')
    return '\n'.join(lines) + '\n'


NUMBER = re.compile(r'-?(?:\d+\.\d*|\.\d+|\d+)(?:e[+-]?\d+)?|-?nan|-?inf')


def same_output(expected, got):
    """The first line that differs (text exactly, numbers to 1.5e-4 relative or 1e-4 absolute), or None."""
    a, b = expected.splitlines(), got.splitlines()
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else '<missing>'
        y = b[i] if i < len(b) else '<missing>'
        if x == y: continue
        if NUMBER.sub('#', x) != NUMBER.sub('#', y): return (x, y)
        for p, q in zip(NUMBER.findall(x), NUMBER.findall(y)):
            if p == q: continue
            try:
                fp, fq = float(p), float(q)
            except ValueError:
                return (x, y)
            if fp != fq and abs(fp - fq) > max(1e-4, 1.5e-4 * max(abs(fp), abs(fq))): return (x, y)
    return None


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inception", default=".build/release/inception")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()

    def difference(expected, got):
        first = same_output(expected, got)
        return None if first is None else f"  PyTorch: {first[0]}\n  here:    {first[1]}"
    compare_all(args, "tensor-ops-fuzz-", program, difference, timeout=60)
