"""Differential fuzzing of tensor operations against PyTorch, one case at a time, messages too.

From a seed, writes program files of ~50 self-contained cases each. A case makes its inputs from
literals (no random stream), calls one operation inside try/except and prints the result
(`print(r)`, then `r.dtype r.shape`; each element's for a tuple or list) or the exception's class
and the first line of its message. Families: elementwise unary and binary ops (broadcasting,
Python scalars, int/float/bool dtypes, 0-d and empty tensors, in-place forms), reductions
(dim=, keepdim=, negative and out-of-range dims, dtype=), shape ops, indexing reads and writes,
comparisons and logical ops, where/clamp/masked_fill, the matmul family with mismatched shapes,
nn.functional activations and losses with odd shapes, and gradients (an input that requires grad,
one operation, backward through a weighted sum, every input's .grad; backward called wrongly too).

    python3 bench/diff_fuzz.py --seed 0 --files 60 [--cases 50] [--python /tmp/inception-anchors/bin/python]
        [--inception .build/release/inception] [--out DIR] [--jobs 2] [--show 3] [--family binary]
        [--json cases.json] [--cache DIR]

Each file runs once in PyTorch and once here (30 s limit). A program here that stops early
(a refusal is not an exception a `try` catches) has its case recorded and the cases after it
run again in a new file. Each case is then one of:
  identical      same stdout (numbers to 1.5e-4 relative or 1e-4 absolute, the rest exactly)
  refused        PyTorch gives a result (or raises); here the program stops with one line on stderr
  value          both give a result, printed differently
  accepts        here a result, PyTorch raises
  raises         here raises, PyTorch gives a result
  error-class    both raise, other classes
  error-message  both raise the same class, other first lines
  crash          exit status other than 0/1/2/65/70, a signal, a trap, or a hang
Prints the counts, then the groups (family, operation, outcome) largest first with examples.
Exits 1 when anything crashed or hung.
"""
import argparse, collections, hashlib, json, os, random, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

HEADER = '''import torch
import torch.nn as nn
import torch.nn.functional as F
def out(r):
    print(r)
    if isinstance(r, torch.Tensor):
        print(r.dtype, r.shape)
    elif isinstance(r, (tuple, list)):
        for t in r:
            if isinstance(t, torch.Tensor):
                print(t.dtype, t.shape)
def err(e):
    print(type(e).__name__, str(e).split("\\n")[0])
'''

# ---------------------------------------------------------------- inputs
SHAPES = [(), (3,), (4,), (2, 3), (3, 1), (1, 3), (2, 1, 3), (2, 3, 4), (1,), (0,), (2, 0), (3, 2), (2, 2)]
FLOATS = [-2.5, -1.0, -0.5, 0.0, 0.25, 1.0, 1.5, 3.0, 2.0, -3.0, 0.75, 4.0]
DTYPES = ['float', 'float', 'float', 'int', 'int', 'bool']
DTYPE_NAME = {'float': 'torch.float32', 'int': 'torch.int64', 'int32': 'torch.int32', 'bool': 'torch.bool'}


def nested(r, shape, kind, special):
    if not shape:
        if kind == 'bool': return r.choice(['True', 'False'])
        if kind in ('int', 'int32'): return str(r.randint(-4, 5))
        if special and r.random() < 0.15: return r.choice(["float('nan')", "float('inf')", "-float('inf')"])
        return repr(r.choice(FLOATS) if r.random() < 0.7 else round(r.uniform(-3, 3), 2))
    return '[' + ', '.join(nested(r, shape[1:], kind, special) for _ in range(shape[0])) + ']'


def tensor(r, shape=None, kind=None, special=True):
    """Source text of a tensor literal, its shape and kind."""
    shape = r.choice(SHAPES) if shape is None else shape
    kind = r.choice(DTYPES) if kind is None else kind
    if 0 in shape:
        return f'torch.zeros({shape}, dtype={DTYPE_NAME[kind]})', shape, kind
    text = nested(r, shape, kind, special)
    if kind == 'float' and r.random() < 0.5 and ('.' in text or 'inf' in text or 'nan' in text):
        return f'torch.tensor({text})', shape, kind
    return f'torch.tensor({text}, dtype={DTYPE_NAME[kind]})', shape, kind


def scalar(r):
    return r.choice(['2', '-3', '0', '0.5', '-1.5', 'True', 'False', '3', '1e-3', '-0.0', '7'])


def dim(r, shape):
    n = len(shape)
    lo, hi = -max(n, 1), max(n, 1) - 1
    if r.random() < 0.12: return str(r.choice([hi + 1, lo - 1, 5]))
    return str(r.randint(lo, hi))


def broadcast_partner(r, shape):
    """A shape that broadcasts with `shape` (mostly) or does not."""
    roll = r.random()
    if roll < 0.3: return shape
    if roll < 0.5 and shape: return shape[1:]
    if roll < 0.65: return tuple(1 if r.random() < 0.5 else s for s in shape)
    if roll < 0.75: return ()
    if roll < 0.85: return (2,) + tuple(shape)
    return r.choice(SHAPES)


# ---------------------------------------------------------------- families
UNARY = ['abs', 'neg', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'floor', 'ceil', 'round',
         'trunc', 'frac', 'sign', 'reciprocal', 'rsqrt', 'square', 'log1p', 'expm1', 'erf', 'bitwise_not',
         'logical_not', 'isnan', 'isinf', 'isfinite', 'exp2', 'log2', 'log10', 'sgn', 'atan', 'asin', 'acos',
         'sinh', 'cosh', 'erfinv', 'signbit', 'positive', 'nan_to_num', 'tan', 'asinh', 'atanh', 'acosh',
         'logit', 'erfc', 'lgamma', 'digamma', 'deg2rad', 'rad2deg', 'fix', 'isposinf', 'isneginf', 'isreal']


def unary_case(r):
    x, shape, kind = tensor(r)
    op = r.choice(UNARY)
    form = r.random()
    if op == 'round' and r.random() < 0.3:
        return op, f'out(torch.round({x}, decimals={r.choice([0, 1, 2, -1])}))'
    if form < 0.4: return op, f'out(torch.{op}({x}))'
    if form < 0.7: return op, f'out({x}.{op}())'
    if form < 0.85 and op not in ('isnan', 'isinf', 'isfinite', 'signbit', 'isposinf', 'isneginf', 'isreal'):
        return op + '_', f'x = {x}\nx.{op}_()\nout(x)'
    spelled = r.choice([f'-{x}', f'~{x}', f'abs({x})', f'+{x}', f'torch.{op}({x}, out=None)' if op in ('abs', 'exp') else f'-{x}'])
    return 'prefix ' + spelled[:spelled.index('(') if spelled[0] not in '-~+' else 1], f'out({spelled})'


BINARY_FN = ['add', 'sub', 'mul', 'div', 'true_divide', 'floor_divide', 'remainder', 'fmod', 'pow', 'atan2',
             'maximum', 'minimum', 'fmax', 'fmin', 'bitwise_and', 'bitwise_or', 'bitwise_xor', 'logical_and',
             'logical_or', 'logical_xor', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'hypot', 'copysign', 'xlogy',
             'float_power', 'bitwise_left_shift', 'bitwise_right_shift', 'heaviside', 'nextafter', 'ldexp',
             'greater', 'less_equal', 'not_equal', 'multiply', 'subtract', 'divide', 'rsub', 'isclose', 'lerp']
OPERATORS = ['+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=']


def binary_case(r):
    a, shape, kind = tensor(r)
    pshape = broadcast_partner(r, shape)
    b = tensor(r, shape=pshape)[0] if r.random() < 0.7 else scalar(r)
    roll = r.random()
    if roll < 0.35:
        op = r.choice(OPERATORS)
        if r.random() < 0.3: a, b = b, a
        if a[0] != 't' and b[0] != 't': b = tensor(r, shape=pshape)[0]
        return op, f'out({a} {op} {b})'
    if roll < 0.75:
        op = r.choice(BINARY_FN)
        extra = ''
        if op in ('add', 'sub') and r.random() < 0.3: extra = f', alpha={r.choice(["2", "0.5", "-1", "True"])}'
        if op in ('div', 'divide') and r.random() < 0.5: extra = f', rounding_mode={r.choice(["floor", "trunc", "floor", "bad"])!r}'
        if op == 'lerp': extra = f', {r.choice(["0.25", "0.5", b])}'
        if op == 'isclose': extra = r.choice(['', ', equal_nan=True', ', atol=0.5'])
        if r.random() < 0.5: return op, f'out(torch.{op}({a}, {b}{extra}))'
        return op, f'out({a}.{op}({b}{extra}))'
    # in place on a copy: the result type has to fit the left operand
    op = r.choice(['add_', 'sub_', 'mul_', 'div_', 'pow_', 'remainder_', 'floor_divide_', 'clamp_min_',
                   'maximum', 'bitwise_and_', 'logical_and_', 'copy_', 'lerp_', 'fmod_', 'atan2_'])
    if op == 'maximum': return 'ioperator', f'x = {a}\nx {r.choice(["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|="])} {b}\nout(x)'
    if op == 'lerp_': return op, f'x = {a}\nx.lerp_({b}, 0.5)\nout(x)'
    return op, f'x = {a}\nx.{op}({b})\nout(x)'


REDUCTIONS = ['sum', 'mean', 'prod', 'max', 'min', 'amax', 'amin', 'argmax', 'argmin', 'std', 'var', 'norm',
              'logsumexp', 'cumsum', 'cumprod', 'all', 'any', 'median', 'nansum', 'nanmean', 'count_nonzero',
              'cummax', 'cummin', 'aminmax', 'std_mean', 'var_mean', 'mode', 'nanmedian', 'logcumsumexp']


def reduction_case(r):
    x, shape, kind = tensor(r)
    op = r.choice(REDUCTIONS)
    args = []
    roll = r.random()
    d = dim(r, shape)
    if roll < 0.2: pass
    elif roll < 0.75: args.append(r.choice([d, f'dim={d}']))
    elif roll < 0.85: args.append(f'dim=({d}, {dim(r, shape)})')
    else: args.append(r.choice(['dim=[]', 'dim=None', f'{d}', 'dim=(0,)']))
    if r.random() < 0.4: args.append(f'keepdim={r.choice(["True", "False"])}')
    if op in ('sum', 'mean', 'prod', 'cumsum', 'cumprod', 'nansum', 'nanmean', 'logsumexp') and r.random() < 0.3:
        args.append(f'dtype={r.choice(["torch.float32", "torch.int64", "torch.int32", "torch.bool"])}')
    if op in ('std', 'var', 'std_mean', 'var_mean') and r.random() < 0.4:
        args.append(r.choice(['unbiased=False', 'correction=0', 'correction=2', 'unbiased=True']))
    if op == 'norm' and r.random() < 0.5:
        args = [a if '=' in a else 'dim=' + a for a in args] + ['p=' + r.choice(['1', '2', "float('inf')", '0', '3', '-1', "'fro'"])]
    call = ', '.join(args)
    if r.random() < 0.5: return op, f'out(torch.{op}({x}{", " if call else ""}{call}))'
    return op, f'out({x}.{op}({call}))'


def shape_case(r):
    x, shape, kind = tensor(r)
    n = len(shape)
    numel = 1
    for s in shape: numel *= s
    d, e = dim(r, shape), dim(r, shape)
    sizes = r.choice([(-1,), (numel,), (1, -1), (-1, 1), (2, -1), (-1, 3), (3, 2), (numel, 1, 1), (-1, -1), (0, -1), (5,)])
    size_text = ', '.join(map(str, sizes))
    perm = list(range(n)); r.shuffle(perm)
    if r.random() < 0.15 and perm: perm[0] = perm[-1]
    y = tensor(r, shape=broadcast_partner(r, shape), kind=kind if r.random() < 0.8 else None)[0]
    options = {
        'reshape': f'out({x}.reshape({size_text}))', 'reshape_t': f'out(torch.reshape({x}, ({size_text},)))',
        'view': f'out({x}.view({size_text}))', 'view_t': f'out({x}.t().view(-1))',
        'permute': f'out({x}.permute({", ".join(map(str, perm))}))', 'permute_t': f'out(torch.permute({x}, {tuple(perm)}))',
        'transpose': f'out({x}.transpose({d}, {e}))', 't': f'out({x}.t())', 'T': f'out({x}.T)', 'mT': f'out({x}.mT)',
        'squeeze': f'out({x}.squeeze({r.choice(["", d, f"({d}, {e})"])}))', 'unsqueeze': f'out({x}.unsqueeze({r.choice([d, str(n), str(-n - 1), str(n + 1)])}))',
        'flatten': f'out({x}.flatten({r.choice(["", d, f"{d}, {e}", f"start_dim={d}"])}))',
        'unflatten': f'out({x}.unflatten({d}, {r.choice(["(1, -1)", "(-1, 1)", "(2, -1)", "(3, 1)", "(-1, -1)"])}))',
        'cat': f'out(torch.cat([{x}, {y}]{r.choice(["", f", dim={d}", f", {d}"])}))', 'cat_empty': f'out(torch.cat([{x}, torch.tensor([])]))',
        'stack': f'out(torch.stack([{x}, {y}]{r.choice(["", f", dim={d}", f", dim={n}"])}))',
        'hstack': f'out(torch.hstack([{x}, {y}]))', 'vstack': f'out(torch.vstack([{x}, {y}]))',
        'split': f'out({x}.split({r.choice(["1", "2", "[1, 2]", "[2, 1]", "0", "5"])}{r.choice(["", f", dim={d}", f", {d}"])}))',
        'chunk': f'out({x}.chunk({r.choice(["1", "2", "3", "0", "-1"])}{r.choice(["", f", dim={d}"])}))',
        'narrow': f'out({x}.narrow({d}, {r.choice(["0", "1", "-1", "2"])}, {r.choice(["0", "1", "2", "3"])}))',
        'select': f'out({x}.select({d}, {r.choice(["0", "1", "-1", "2", "-3"])}))',
        'expand': f'out({x}.expand({r.choice(["2, *" + x + ".shape", "-1, -1", "3, 3", "2, 3", "-1", "1, -1, 3", "4, 2, 3"])}))',
        'expand_as': f'out({x}.expand_as({y}))',
        'repeat': f'out({x}.repeat({r.choice(["2", "2, 1", "1, 2, 1", "0, 2", "2, 2, 2, 2", "-1, 1"])}))',
        'flip': f'out({x}.flip({r.choice([d, f"({d}, {e})", "[]", f"dims=[{d}]"])}))',
        'roll': f'out({x}.roll({r.choice(["1", "-2", "(1, 1)", "5"])}{r.choice(["", f", {d}", f", ({d}, {e})", f", dims={d}"])}))',
        'movedim': f'out({x}.movedim({d}, {e}))', 'moveaxis': f'out(torch.moveaxis({x}, ({d},), ({e},)))',
        'swapaxes': f'out({x}.swapaxes({d}, {e}))', 'contiguous_view': f'out({x}.transpose(0, -1).contiguous().view(-1))',
        'tile': f'out({x}.tile({r.choice(["(2,)", "(1, 2)", "(2, 1, 1)"])}))', 'ravel': f'out({x}.ravel())',
        'unbind': f'out({x}.unbind({d}))', 'tensor_split': f'out({x}.tensor_split({r.choice(["2", "3", "[1]", "(1, 2)"])}{r.choice(["", f", {d}"])}))',
        'view_as': f'out({x}.view_as({y}))', 'squeeze_dims': f'out(torch.squeeze({x}, {d}))',
        'atleast_2d': f'out(torch.atleast_2d({x}))', 'diag': f'out(torch.diag({x}))', 'tril': f'out({x}.tril({r.choice(["", "1", "-1"])}))',
        'repeat_interleave': f'out({x}.repeat_interleave({r.choice(["2", "0", "torch.tensor([1, 2, 0])"])}{r.choice(["", f", dim={d}"])}))',
        'broadcast_to': f'out({x}.broadcast_to({r.choice(["(2, 3)", "(3, 3)", "(2, 2, 3)", "(-1,)", "(0, 3)"])}))',
    }
    op = r.choice(list(options))
    return op, options[op]


def index_case(r):
    x, shape, kind = tensor(r)
    n = len(shape)

    def one(i):
        size = shape[i] if i < n else 2
        return r.choice([str(r.randint(-size - 1, size)), f'{r.randint(-1, 1)}:{r.choice(["", str(r.randint(-2, 4))])}',
                         f'::{r.randint(1, 3)}', f'{r.randint(0, 2)}::2', ':', 'None', '...', '1:1', '-1:', ':-1',
                         f'torch.tensor({[r.randint(-size, size) for _ in range(r.randint(0, 3))]})',
                         f'[{r.randint(-size, size - 1) if size else 0}, {r.randint(-size, size - 1) if size else 0}]',
                         'True', 'False', f'torch.tensor({r.randint(0, 2)})', f'slice(None, None, {r.choice([1, 2, -1, 0])})'])
    count = r.choice([1, 1, 2, 2, 3])
    idx = ', '.join(one(i) for i in range(count))
    roll = r.random()
    if roll < 0.15:
        mask = tensor(r, shape=shape if r.random() < 0.8 else broadcast_partner(r, shape), kind='bool')[0]
        idx = mask
    elif roll < 0.2:
        idx = f'{x} > 0'
    if r.random() < 0.25:
        value = r.choice(['0', '1.5', 'True', '-2', f'torch.tensor({r.choice(["7", "[1, 2]", "[[1.5]]", "2.5"])})'])
        return 'setitem', f'x = {x}\nx[{idx}] = {value}\nout(x)'
    return 'getitem', f'x = {x}\nout(x[{idx}])'


def compare_case(r):
    a, shape, kind = tensor(r)
    b = tensor(r, shape=broadcast_partner(r, shape))[0] if r.random() < 0.7 else scalar(r)
    op = r.choice(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'equal', 'allclose', 'logical_and', 'logical_or', 'logical_xor',
                   'logical_not', 'all', 'any', 'isin', 'where1', 'where3', 'where_scalar', 'clamp', 'clamp_t',
                   'clip', 'masked_fill', 'masked_fill_t', 'masked_select', 'nonzero', 'argwhere', 'sort', 'topk',
                   'clamp_', 'masked_fill_', 'where_dtype', 'maximum_s'])
    m = tensor(r, shape=shape if r.random() < 0.7 else broadcast_partner(r, shape), kind='bool')[0]
    lo, hi = r.choice(['-1', '0', '0.5', 'None', '-1.5', 'torch.tensor(0.5)', '2']), r.choice(['1', '0', '2.5', 'None', '-2'])
    options = {
        'equal': f'out(torch.equal({a}, {b}))', 'allclose': f'out(torch.allclose({a}, {b}))',
        'logical_not': f'out(torch.logical_not({a}))', 'all': f'out(({a} > 0).all())', 'any': f'out({a}.any())',
        'isin': f'out(torch.isin({a}, {b}))', 'where1': f'out(torch.where({a}))',
        'where3': f'out(torch.where({m}, {a}, {b}))', 'where_scalar': f'out(torch.where({m}, {scalar(r)}, {scalar(r)}))',
        'where_dtype': f'out(torch.where({m}, {a}, {scalar(r)}))',
        'clamp': f'out(torch.clamp({a}, {lo}, {hi}))', 'clamp_t': f'out({a}.clamp(min={lo}))',
        'clip': f'out({a}.clip({lo}, max={hi}))', 'clamp_': f'x = {a}\nx.clamp_({lo}, {hi})\nout(x)',
        'masked_fill': f'out({a}.masked_fill({m}, {scalar(r)}))', 'masked_fill_t': f'out({a}.masked_fill({m}, torch.tensor({scalar(r)})))',
        'masked_fill_': f'x = {a}\nx.masked_fill_({m}, {scalar(r)})\nout(x)',
        'masked_select': f'out({a}.masked_select({m}))', 'nonzero': f'out({a}.nonzero({r.choice(["", "as_tuple=True"])}))',
        'argwhere': f'out(torch.argwhere({a}))', 'sort': f'out({a}.sort({r.choice(["", "0", "-1", "descending=True", "dim=1, stable=True"])}))',
        'topk': f'out({a}.topk({r.choice(["1", "2", "0", "5"])}{r.choice(["", ", largest=False", ", dim=0", ", sorted=True"])}))',
        'maximum_s': f'out(torch.maximum({a}, torch.tensor({scalar(r)})))',
    }
    op = r.choice(list(options) + ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor'])
    if op in options: return op, options[op]
    return op, f'out(torch.{op}({a}, {b}))' if r.random() < 0.5 else f'out({a}.{op}({b}))'


def matmul_case(r):
    def mat(shape):
        kind = 'float' if r.random() < 0.8 else r.choice(['int', 'bool'])
        return tensor(r, shape=shape, kind=kind, special=False)[0]
    k = r.choice([2, 3])
    shapes = {
        'mm': [(2, k), (k, 3)], 'bmm': [(2, 2, k), (2, k, 3)], 'matmul': None, 'dot': [(k,), (k,)], 'mv': [(2, k), (k,)],
        'outer': [(k,), (2,)], 'inner': [(k,), (k,)], 'vdot': [(k,), (k,)], 'addmm': None, 'einsum': None, 'kron': [(2,), (k,)],
        'tensordot': None, 'cross': [(3,), (3,)], 'baddbmm': None, 'chain_matmul': None, 'linalg_vecdot': [(k,), (k,)],
    }
    op = r.choice(list(shapes))
    pair = shapes[op]
    if op in ('matmul', 'tensordot', 'addmm', 'baddbmm', 'einsum', 'chain_matmul'):
        pair = r.choice([[(k,), (k,)], [(2, k), (k,)], [(k,), (k, 3)], [(2, k), (k, 3)], [(2, 2, k), (k, 3)],
                         [(2, k), (2, k, 3)], [(1, 2, k), (3, k, 2)], [(), (k,)], [(2, 0), (0, 3)]])
    if r.random() < 0.35:   # mismatch one shape
        pair = [pair[0], r.choice([(k + 1,), (k + 1, 3), (2, 3, k), (), (0,), (3, k), (2, 2)])]
    a, b = mat(pair[0]), mat(pair[1])
    if op == 'matmul': return op, r.choice([f'out(torch.matmul({a}, {b}))', f'out({a} @ {b})'])
    if op == 'addmm': return op, f'out(torch.addmm(torch.zeros(2, 3), {a}, {b}, beta={r.choice([0, 1, 0.5])}, alpha=2))'
    if op == 'baddbmm': return op, f'out(torch.baddbmm(torch.ones(2, 2, 3), {a}, {b}))'
    if op == 'tensordot': return op, f'out(torch.tensordot({a}, {b}, dims={r.choice([0, 1, 2, "([0], [0])", "([-1], [0])"])}))'
    if op == 'einsum': return op, f'out(torch.einsum({r.choice(["ij,jk->ik", "i,i->", "ij,j->i", "bij,jk->bik", "i,j->ij", "ii->i", "ij->ji"])!r}, {a}, {b}))'
    if op == 'chain_matmul': return op, f'out(torch.linalg.multi_dot([{a}, {b}]))'
    if op == 'linalg_vecdot': return op, f'out(torch.linalg.vecdot({a}, {b}))'
    return op, r.choice([f'out(torch.{op}({a}, {b}))', f'out({a}.{op}({b}))'])


ACTIVATIONS = ['relu', 'relu6', 'gelu', 'silu', 'elu', 'selu', 'celu', 'leaky_relu', 'hardtanh', 'hardswish',
               'hardsigmoid', 'softplus', 'softsign', 'tanhshrink', 'softshrink', 'hardshrink', 'mish', 'logsigmoid',
               'sigmoid', 'tanh', 'softmax', 'log_softmax', 'softmin', 'glu', 'normalize', 'threshold', 'dropout',
               'rrelu', 'gumbel_softmax', 'prelu', 'relu_']
LOSSES = ['mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss', 'cross_entropy', 'nll_loss', 'binary_cross_entropy',
          'binary_cross_entropy_with_logits', 'kl_div', 'soft_margin_loss', 'hinge_embedding_loss', 'poisson_nll_loss',
          'cosine_similarity', 'pairwise_distance', 'margin_ranking_loss', 'multilabel_soft_margin_loss',
          'multi_margin_loss', 'gaussian_nll_loss', 'triplet_margin_loss', 'cosine_embedding_loss', 'one_hot']


def functional_case(r):
    x, shape, kind = tensor(r, kind='float' if r.random() < 0.85 else None, special=r.random() < 0.3)
    d = dim(r, shape)
    if r.random() < 0.55:
        op = r.choice(ACTIVATIONS)
        extra = {
            'elu': r.choice(['', ', alpha=0.5', ', inplace=False']), 'leaky_relu': r.choice(['', ', 0.2', ', negative_slope=-1']),
            'hardtanh': r.choice(['', ', -0.5, 0.5', ', min_val=1.0, max_val=-1.0']), 'softplus': r.choice(['', ', beta=2', ', beta=2, threshold=1']),
            'softshrink': r.choice(['', ', 0.5', ', lambd=-1']), 'hardshrink': r.choice(['', ', 0.5']), 'celu': r.choice(['', ', alpha=0.5', ', alpha=0']),
            'gelu': r.choice(['', ", approximate='tanh'", ", approximate='none'", ", approximate='bad'"]),
            'softmax': r.choice([f', dim={d}', f', {d}', f', dim={d}, dtype=torch.float32', '']),
            'log_softmax': r.choice([f', dim={d}', f', {d}', '']), 'softmin': f', dim={d}', 'glu': r.choice(['', f', dim={d}']),
            'normalize': r.choice(['', f', dim={d}', f', p=1, dim={d}', ', p=0']), 'threshold': r.choice([', 0.5, 2.0', ', 0, -1']),
            'dropout': r.choice([', p=0.0', ', p=1.0', ', training=False', ', p=1.5', ', p=0.0, training=True']),
            'rrelu': ', training=False', 'gumbel_softmax': ', tau=0', 'prelu': r.choice([', torch.tensor([0.25])', ', torch.tensor([0.25, 0.5])', ', torch.tensor(0.1)']),
        }.get(op, '')
        if op == 'gumbel_softmax': return op, f'out({x}.shape)'
        return op, f'out(F.{op}({x}{extra}))'
    op = r.choice(LOSSES)
    red = r.choice(['', '', ", reduction='sum'", ", reduction='none'", ", reduction='mean'", ", reduction='bad'"])
    t, tshape, tkind = tensor(r, shape=broadcast_partner(r, shape), kind=r.choice(['float', 'float', 'int']), special=False)
    if op in ('cross_entropy', 'nll_loss', 'multi_margin_loss'):
        n = r.choice([2, 3])
        logits = tensor(r, shape=r.choice([(n, 3), (3,), (n, 3, 2), (0, 3), (n,)]), kind='float', special=False)[0]
        target = r.choice([f'torch.tensor({[r.randint(0, 2) for _ in range(n)]})', f'torch.tensor({[r.randint(-1, 3) for _ in range(n)]})',
                           'torch.tensor(1)', f'torch.tensor({[[r.randint(0, 2)] * 2 for _ in range(n)]})',
                           f'torch.tensor({[[0.2, 0.3, 0.5]] * n})', f'torch.tensor([{r.randint(0, 2)}])'])
        extra = r.choice(['', '', ', ignore_index=1', ', label_smoothing=0.1', ', weight=torch.tensor([1.0, 2.0, 0.5])', ', ignore_index=-1'])
        if op != 'cross_entropy' and 'label' in extra: extra = ''
        if op == 'multi_margin_loss' and 'ignore' in extra: extra = ''
        return op, f'out(F.{op}({logits}, {target}{extra}{red}))'
    if op == 'one_hot':
        return op, f'out(F.one_hot({r.choice(["torch.tensor([0, 2, 1])", "torch.tensor([[1], [0]])", "torch.tensor([-1, 0])", "torch.tensor([])", "torch.tensor(2)", "torch.tensor([0.0, 1.0])"])}{r.choice(["", ", 3", ", num_classes=2", ", -1", ", 0"])}))'
    if op in ('binary_cross_entropy',):
        p = f'torch.sigmoid({x})' if r.random() < 0.8 else x
        return op, f'out(F.{op}({p}, {t}{red}))'
    if op in ('cosine_similarity', 'pairwise_distance'):
        return op, f'out(F.{op}({x}, {t}{r.choice(["", f", dim={d}", ", eps=0.1"])}))'
    if op == 'margin_ranking_loss': return op, f'out(F.{op}({x}, {t}, torch.ones({shape}){red}))'
    if op == 'gaussian_nll_loss': return op, f'out(F.{op}({x}, {t}, torch.ones({tshape}){red}))'
    if op == 'triplet_margin_loss': return op, f'out(F.{op}({x}, {t}, {t} * 2{red}))'
    if op == 'cosine_embedding_loss': return op, f'out(F.{op}({x}, {t}, torch.tensor([1, -1]){red}))'
    if op == 'kl_div': red = red + r.choice(['', ', log_target=True'])
    if op == 'huber_loss' and r.random() < 0.3: red += ', delta=0.5'
    if op == 'smooth_l1_loss' and r.random() < 0.3: red += r.choice([', beta=0.5', ', beta=0.0'])
    return op, f'out(F.{op}({x}, {t}{red}))'


# Gradients: a float input that requires grad, one operation, a backward pass through a weighted
# sum (weights from linspace, so every output element's gradient differs), then every input's
# .grad. Ties (max/min/median/sort among equal values), kinks (relu, abs, clamp at its bounds),
# domain edges (sqrt, log at 0) and repeated indices (their gradients add up) are where backward
# formulas differ. Some cases call backward wrongly (twice, on a non-scalar, on an int tensor).
GRAD_UNARY = ['abs', 'neg', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'floor', 'round',
              'sign', 'reciprocal', 'rsqrt', 'square', 'log1p', 'expm1', 'erf', 'exp2', 'log2', 'log10', 'atan',
              'asin', 'acos', 'sinh', 'cosh', 'erfinv', 'tan', 'asinh', 'atanh', 'acosh', 'logit', 'erfc',
              'lgamma', 'digamma', 'frac', 'trunc', 'ceil', 'sgn', 'nan_to_num', 'deg2rad', 'positive']
GRAD_BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'atan2', 'maximum', 'minimum', 'fmax', 'fmin', 'hypot',
               'copysign', 'xlogy', 'remainder', 'fmod', 'float_power', 'lerp', 'dist', 'where', 'clamp',
               'addcmul', 'addcdiv', 'cross_entropy_soft', 'mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss',
               'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'kl_div', 'cosine_similarity',
               'pairwise_distance', 'matmul', 'dot', 'outer', 'prelu']
GRAD_REDUCE = ['sum', 'mean', 'prod', 'max', 'min', 'amax', 'amin', 'std', 'var', 'norm', 'logsumexp', 'cumsum',
               'cumprod', 'median', 'nansum', 'nanmean', 'cummax', 'cummin', 'logcumsumexp', 'softmax',
               'log_softmax', 'max_dim', 'min_dim', 'median_dim', 'kthvalue', 'topk', 'sort', 'aminmax', 'std_mean',
               'var_mean', 'normalize', 'layer_norm', 'glu']
GRAD_SHAPE = ['reshape', 'permute', 'transpose', 'expand', 'repeat', 'flip', 'roll', 'cat', 'stack', 'narrow',
              'select', 'getitem', 'getitem_repeat', 'setitem', 'gather', 'index_select', 'masked_select',
              'masked_fill', 'diag', 'tril', 'repeat_interleave', 'split', 'chunk', 'unbind', 'squeeze', 'flatten',
              'pad', 'index_add', 'scatter_add', 'unfold', 'clone', 'detach', 'movedim', 'take', 'tile']
INF_ARG = ", float('inf')"
PAD_MODES = ['', ', value=2.0', ", mode='reflect'", ", mode='replicate'"]
GRAD_ACT = ['relu6', 'gelu', 'silu', 'elu', 'selu', 'celu', 'leaky_relu', 'hardtanh', 'hardswish', 'hardsigmoid',
            'softplus', 'softsign', 'tanhshrink', 'softshrink', 'hardshrink', 'mish', 'logsigmoid', 'threshold']


def grad_case(r):
    x, shape, _ = tensor(r, kind='float', special=r.random() < 0.2)
    x = x.replace('torch.tensor(', 'torch.tensor(', 1)
    x = (x[:-1] + ', requires_grad=True)') if x.startswith('torch.tensor(') else x[:-1] + ', requires_grad=True)'
    x = x.replace(', dtype=torch.float32, requires_grad', ', requires_grad')
    n = len(shape)
    d = dim(r, shape)
    lines = [f'x = {x}']
    inputs = ['x']
    roll = r.random()
    if roll < 0.25:
        op = r.choice(GRAD_UNARY)
        expr = r.choice([f'torch.{op}(x)', f'x.{op}()']) if op != 'positive' else 'torch.positive(x)'
        if op == 'round' and r.random() < 0.3: expr = 'torch.round(x, decimals=1)'
        if op == 'logit' and r.random() < 0.5: expr = 'torch.logit(x, eps=0.1)'
        if op == 'nan_to_num': expr = 'torch.nan_to_num(x, nan=0.0, posinf=1.0)'
    elif roll < 0.45:
        op = r.choice(GRAD_BINARY)
        yshape = broadcast_partner(r, shape) if op not in ('matmul', 'dot', 'outer', 'prelu') else shape
        y, _, _ = tensor(r, shape=yshape, kind='float', special=r.random() < 0.1)
        y = y[:-1] + ', requires_grad=True)' if y.startswith('torch.tensor(') else y[:-1] + ', requires_grad=True)'
        y = y.replace(', dtype=torch.float32, requires_grad', ', requires_grad')
        lines.append(f'y = {y}')
        inputs.append('y')
        expr = {
            'lerp': 'torch.lerp(x, y, 0.25)', 'dist': f'torch.dist(x, y{r.choice(["", ", 1", ", 3", INF_ARG, ", 0"])})',
            'where': 'torch.where(x > y, x, y)', 'clamp': r.choice(['x.clamp(min=y)', 'torch.clamp(x, max=y)', 'x.clamp(y, y + 1)']),
            'addcmul': 'torch.addcmul(x, x, y, value=0.5)', 'addcdiv': 'torch.addcdiv(x, y, y.exp(), value=2)',
            'cross_entropy_soft': f'F.cross_entropy(x, y.softmax(-1))', 'mse_loss': 'F.mse_loss(x, y)',
            'l1_loss': 'F.l1_loss(x, y)', 'smooth_l1_loss': 'F.smooth_l1_loss(x, y, beta=0.5)', 'huber_loss': 'F.huber_loss(x, y)',
            'binary_cross_entropy': 'F.binary_cross_entropy(x.sigmoid(), y.sigmoid())',
            'binary_cross_entropy_with_logits': 'F.binary_cross_entropy_with_logits(x, y.sigmoid())',
            'kl_div': f'F.kl_div(x.log_softmax(-1), y.softmax(-1), reduction={r.choice(["batchmean", "sum", "none"])!r})',
            'cosine_similarity': 'F.cosine_similarity(x, y, dim=-1)', 'pairwise_distance': 'F.pairwise_distance(x, y)',
            'matmul': 'x @ y.mT' if n >= 2 else 'x @ y', 'dot': 'torch.dot(x.flatten(), y.flatten())',
            'outer': 'torch.outer(x.flatten(), y.flatten())', 'prelu': 'F.prelu(x, y.flatten()[:1])',
            'pow': r.choice(['x ** y', 'torch.pow(x, 2)', 'x ** 0.5', '2 ** x', 'x.pow(y)', 'x ** 0', 'torch.pow(x, -1)']),
        }.get(op, r.choice([f'torch.{op}(x, y)', f'x.{op}(y)']) if op not in ('add', 'sub', 'mul', 'div')
              else r.choice([f'x {"+-*/"[["add", "sub", "mul", "div"].index(op)]} y', f'torch.{op}(x, y)', f'x.{op}(y, alpha=2)' if op in ('add', 'sub') else f'x.{op}(y)']))
    elif roll < 0.7:
        op = r.choice(GRAD_REDUCE)
        dd = r.choice([d, f'dim={d}', f'{d}, keepdim=True'])
        expr = {
            'max_dim': f'x.max({dd})[0]', 'min_dim': f'torch.min(x, {dd}).values', 'median_dim': f'x.median({dd})[0]',
            'kthvalue': f'x.kthvalue({r.choice(["1", "2"])}, {d})[0]', 'topk': f'x.topk({r.choice(["1", "2"])}{r.choice(["", ", largest=False", f", dim={d}"])})[0]',
            'sort': f'x.sort({r.choice(["", d, "descending=True"])})[0]', 'aminmax': f'torch.aminmax(x)[{r.choice([0, 1])}]',
            'std_mean': f'torch.std_mean(x{r.choice(["", f", {dd}"])})[{r.choice([0, 1])}]', 'var_mean': f'torch.var_mean(x, {dd})[0]',
            'softmax': f'x.softmax({d})', 'log_softmax': f'F.log_softmax(x, dim={d})', 'normalize': f'F.normalize(x, dim={d})',
            'layer_norm': f'F.layer_norm(x, x.shape[-1:])' if n else 'F.layer_norm(x, ())', 'glu': f'F.glu(x, {d})',
            'cumsum': f'x.cumsum({d})', 'cumprod': f'torch.cumprod(x, {d})', 'cummax': f'x.cummax({d})[0]',
            'cummin': f'x.cummin({d})[0]', 'logcumsumexp': f'x.logcumsumexp({d})',
            'norm': f'x.norm({r.choice(["", "1", "p=3", INF_ARG[2:], "0", f"dim={d}", f"p=1, dim={d}"])})',
            'std': f'x.std({r.choice(["", dd, "unbiased=False", "correction=0"])})', 'var': f'x.var({r.choice(["", dd, "correction=2"])})',
            'median': 'x.median()', 'prod': f'x.prod({r.choice(["", d])})',
        }.get(op, r.choice([f'x.{op}()', f'x.{op}({dd})']))
    elif roll < 0.9:
        op = r.choice(GRAD_SHAPE)
        numel = 1
        for s in shape: numel *= s
        e = dim(r, shape)
        size = 1 if not n else shape[0]
        idx = f'torch.tensor({[r.randint(-size, size - 1) if size else 0 for _ in range(r.randint(1, 4))]})'
        expr = {
            'reshape': 'x.reshape(-1)', 'permute': f'x.permute({tuple(reversed(range(n)))})' if n > 1 else 'x.permute(*range(x.dim()))',
            'transpose': f'x.transpose({d}, {e})', 'expand': 'x.expand(2, *x.shape)', 'repeat': f'x.repeat({", ".join(["2"] * max(n, 1))})',
            'flip': f'x.flip({d})', 'roll': f'x.roll(1, {d})', 'cat': f'torch.cat([x, x * 2], {d})', 'stack': f'torch.stack([x, x.exp()], {d})',
            'narrow': f'x.narrow({d}, 0, 1)', 'select': f'x.select({d}, -1)', 'getitem': f'x[{r.choice(["0", "-1", "::2", "1:", "..., 0", "None", "x > 0"])}]',
            'getitem_repeat': f'x[{idx}]', 'gather': f'x.gather({d}, torch.zeros_like(x, dtype=torch.int64))',
            'index_select': f'x.index_select({d}, {idx})', 'masked_select': 'x.masked_select(x > 0)',
            'masked_fill': 'x.masked_fill(x < 0, 0.0)', 'diag': 'x.diag()', 'tril': 'x.tril()',
            'repeat_interleave': f'x.repeat_interleave(2, {d})', 'split': f'x.split(1, {d})[-1]', 'chunk': f'x.chunk(2, {d})[0]',
            'unbind': f'x.unbind({d})[0]', 'squeeze': 'x.unsqueeze(0).squeeze()', 'flatten': 'x.flatten()',
            'pad': f'F.pad(x, ({r.choice(["1, 0", "0, 2", "-1, 1", "1, 1, 1, 1"])}){r.choice(PAD_MODES)})',
            'index_add': f'torch.zeros(3, *x.shape[1:]).index_add(0, torch.tensor([0, 0, 2][:x.shape[0]]), x)' if n else 'x.clone()',
            'scatter_add': f'torch.zeros_like(x).scatter_add({d}, torch.zeros_like(x, dtype=torch.int64), x)',
            'unfold': f'x.unfold({d}, 2, 1)', 'clone': 'x.clone()', 'detach': 'x.detach() * x', 'movedim': f'x.movedim({d}, 0)',
            'take': f'x.take(torch.tensor([0, 0, -1]))', 'tile': 'x.tile((2,))', 'setitem': 'z',
        }[op]
        if op == 'setitem':
            lines.append('z = x * 1')
            lines.append(f'z[{r.choice(["0", "x > 0", "..., -1", "::2"])}] = {r.choice(["0.0", "x.sum()", "5.0"])}')
            expr = 'z'
    else:
        op = r.choice(GRAD_ACT)
        extra = {'elu': ', alpha=0.5', 'leaky_relu': r.choice(['', ', 0.2']), 'hardtanh': ', -0.5, 0.5', 'softplus': r.choice(['', ', beta=2, threshold=1']),
                 'softshrink': ', 0.5', 'hardshrink': ', 0.5', 'celu': ', alpha=0.5', 'threshold': ', 0.5, 2.0',
                 'gelu': r.choice(['', ", approximate='tanh'"])}.get(op, '')
        expr = f'F.{op}(x{extra})'
    lines.append(f'r_ = {expr}')
    how = r.random()
    if how < 0.8:
        lines.append('(r_ * torch.linspace(-1.0, 2.0, r_.numel()).reshape(r_.shape)).sum().backward()')
    elif how < 0.87:
        lines.append('r_.backward(torch.ones_like(r_))')
    elif how < 0.92:
        lines.append('r_.backward()')      # only a scalar may
    elif how < 0.96:
        lines.append('s_ = r_.sum()\ns_.backward()\ns_.backward()')     # the graph is freed
    else:
        lines.append(f'print(torch.autograd.grad(r_.sum(), [{", ".join(inputs)}], allow_unused=True))')
    lines.append('print(r_.grad_fn is not None, r_.requires_grad)' if r.random() < 0.2 else 'pass')
    for name in inputs: lines.append(f'print({name}.grad)')
    return op, '\n'.join(lines)


# Layers: an nn module built with odd arguments (some invalid), its parameters set from linspace
# (no random stream), run on a literal input (train or eval), then the input's gradient. Covers
# the construction checks, the shape checks at call time, and the numbers of the common layers.
def module_case(r):
    n, c = r.choice([1, 2]), r.choice([1, 2, 3])
    size = r.choice([1, 2, 3, 4, 5])
    rank = r.choice([1, 2, 2, 2])       # spatial dims
    spatial = (size,) * rank if r.random() < 0.8 else tuple(r.choice([1, 2, 3, 4, 5]) for _ in range(rank))
    shape = r.choice([(n, c) + spatial, (n, c) + spatial, (c,) + spatial, (n, c + 1) + spatial, (n,) + spatial])
    k, st, pad, dil = r.choice([1, 2, 3, 4]), r.choice([1, 1, 2, 3]), r.choice([0, 0, 1, 2]), r.choice([1, 1, 2])
    d = f'{rank}d'
    out_c = r.choice([1, 2, 4])
    groups = r.choice([1, 1, 1, c, 2])
    options = {
        'conv': f'nn.Conv{d}({c}, {out_c * (groups if groups > 0 else 1)}, {k}, stride={st}, padding={r.choice([pad, pad, "1", "0"]) if r.random() < 0.9 else repr("same")}, dilation={dil}, groups={groups}, bias={r.choice(["True", "False"])}{r.choice(["", "", ", padding_mode=" + repr(r.choice(["reflect", "replicate", "circular", "zeros"]))])})',
        'convT': f'nn.ConvTranspose{d}({c}, {out_c}, {k}, stride={st}, padding={pad}, output_padding={r.choice([0, 0, 1])}, dilation={dil})',
        'maxpool': f'nn.MaxPool{d}({k}, stride={r.choice([st, "None"])}, padding={pad}, dilation={dil}, ceil_mode={r.choice(["True", "False"])})',
        'avgpool': f'nn.AvgPool{d}({k}, stride={st}, padding={pad}, ceil_mode={r.choice(["True", "False"])}, count_include_pad={r.choice(["True", "False"])})',
        'adaptive_avg': f'nn.AdaptiveAvgPool{d}({r.choice([1, 2, 3, "None"])})',
        'adaptive_max': f'nn.AdaptiveMaxPool{d}({r.choice([1, 2, 3])})',
        'batchnorm': f'nn.BatchNorm{d}({r.choice([c, c, c + 1])}{r.choice(["", ", affine=False", ", momentum=None", ", track_running_stats=False", ", eps=0.1"])})',
        'instancenorm': f'nn.InstanceNorm{d}({c}{r.choice(["", ", affine=True", ", track_running_stats=True"])})',
        'groupnorm': f'nn.GroupNorm({r.choice([1, c, 2])}, {c})',
        'layernorm': f'nn.LayerNorm({r.choice(["shape[-1:]", "shape[-2:]", "[3]", "shape[1:]"])})',
        'linear': f'nn.Linear({r.choice(["shape[-1]", "3", "shape[-1]"])}, {out_c}, bias={r.choice(["True", "False"])})',
        'upsample': f'nn.Upsample({r.choice(["scale_factor=2", "size=3", "scale_factor=1.5"])}, mode={r.choice(["nearest", "nearest", "bilinear", "linear", "bicubic"])!r}{r.choice(["", ", align_corners=True", ", align_corners=False"])})',
        'flatten': f'nn.Flatten({r.choice(["", "0", "start_dim=2", "1, -1", "-1"])})',
        'pixel_shuffle': f'nn.PixelShuffle({r.choice([1, 2])})',
        'dropout': f'nn.Dropout{r.choice(["", "2d", "1d"])}({r.choice(["0.0", "1.0", "0.5"])})',
        'zeropad': f'nn.ZeroPad2d({r.choice([1, (1, 0, 2, 1), (-1, 1, 0, 0)])})',
        'lppool': f'nn.LPPool{d}({r.choice([1, 2])}, {k}, stride={st})',
        'prelu': f'nn.PReLU({r.choice([1, c])})',
        'softmax2d': 'nn.Softmax2d()',
        'embedding': f'nn.Embedding(5, 3{r.choice(["", ", padding_idx=0", ", max_norm=1.0"])})',
    }
    op = r.choice(list(options))
    if op == 'embedding':
        idx = f'torch.tensor({[[r.randint(0, 5) for _ in range(3)] for _ in range(2)]})'
        body = [f'm = {options[op]}',
                'with torch.no_grad():', '    for p in m.parameters(): p.copy_(torch.linspace(-1.0, 1.0, p.numel()).reshape(p.shape))',
                f'y = m({idx})', 'print(y)', '(y * torch.linspace(-1.0, 2.0, y.numel()).reshape(y.shape)).sum().backward()', 'print(m.weight.grad)']
        return op, '\n'.join(body)
    count = 1
    for s_ in shape: count *= s_
    values = [round(r.choice([-2.5, -1.0, -0.5, 0.0, 0.25, 1.0, 1.5, 3.0]) + r.choice([0, 0.1, -0.3]), 2) for _ in range(count)]
    x = f'torch.tensor({values}).reshape({shape})'
    mode = r.choice(['train', 'eval', 'eval'])
    body = [f'shape = {shape}', f'm = {options[op]}', f'm.{mode}()',
            'with torch.no_grad():',
            '    for p in m.parameters(): p.copy_(torch.linspace(-1.0, 1.0, p.numel()).reshape(p.shape))',
            f'x = {x}.requires_grad_()',
            'y = m(x)', 'print(y)', 'print(y.shape)',
            '(y * torch.linspace(-1.0, 2.0, y.numel()).reshape(y.shape)).sum().backward()', 'print(x.grad)']
    if r.random() < 0.3: body.insert(2, 'print(m)')
    return op, '\n'.join(body)


FAMILIES = [('unary', unary_case, 14), ('binary', binary_case, 20), ('reduction', reduction_case, 16),
            ('shape', shape_case, 14), ('index', index_case, 12), ('compare', compare_case, 10),
            ('matmul', matmul_case, 6), ('functional', functional_case, 10),
            ('grad', grad_case, 12), ('module', module_case, 8)]


def make_cases(seed, count, only=None):
    r = random.Random(seed)
    families = [f for f in FAMILIES if only is None or f[0] in only]
    weights = [w for _, _, w in families]
    cases = []
    for i in range(count):
        name, make, _ = r.choices(families, weights)[0]
        op, body = make(r)
        cases.append({'id': f's{seed}c{i}', 'family': name, 'op': op, 'body': body})
    return cases


def program(cases):
    lines = [HEADER]
    for c in cases:
        lines.append(f'print("## {c["id"]}")')
        lines.append('try:')
        lines.extend('    ' + line for line in c['body'].split('\n'))
        lines.append('except Exception as e:')
        lines.append('    err(e)')
    return '\n'.join(lines) + '\n'


# ---------------------------------------------------------------- running and comparing
MARK = re.compile(r'^## (s\d+c\d+)$')


def run(command, path, timeout=30):
    try:
        done = subprocess.run(command + [path], capture_output=True, text=True, timeout=timeout)
        return done.stdout, done.returncode, done.stderr
    except subprocess.TimeoutExpired as e:
        return (e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or '')), None, 'timeout'


def blocks(stdout):
    """{case id: printed text} in the order printed, and the last id seen."""
    found, current, last = {}, None, None
    for line in stdout.splitlines():
        m = MARK.match(line)
        if m:
            current = last = m.group(1)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return {k: '\n'.join(v) for k, v in found.items()}, last


NUMBER = re.compile(r'-?(?:\d+\.\d*|\.\d+|\d+)(?:e[+-]?\d+)?|-?nan|-?inf')


def same_text(a, b):
    if a == b: return True
    if NUMBER.sub('#', a) != NUMBER.sub('#', b): return False
    for p, q in zip(NUMBER.findall(a), NUMBER.findall(b)):
        if p == q: continue
        try:
            fp, fq = float(p), float(q)
        except ValueError:
            return False
        if not (fp == fq or abs(fp - fq) <= max(1e-4, 1.5e-4 * max(abs(fp), abs(fq)))): return False
    return True


ERROR_LINE = re.compile(r'^([A-Z][A-Za-z]*(?:Error|Exception|Warning)|StopIteration|KeyboardInterrupt) ?(.*)$')


def raised(text):
    """(class, message) when a case printed only its exception line, else None."""
    lines = text.split('\n')
    if len(lines) != 1: return None
    m = ERROR_LINE.match(lines[0])
    return (m.group(1), m.group(2)) if m else None


def outcome(expected, got):
    if same_text(expected, got): return 'identical'
    e, g = raised(expected), raised(got)
    if e and g: return 'error-class' if e[0] != g[0] else 'error-message'
    if e: return 'accepts'
    if g: return 'raises'
    return 'value'


def run_file(folder, name, cases, args):
    path = os.path.join(folder, name + '.py')
    with open(path, 'w') as f: f.write(program(cases))
    expected = None
    if args.cache:        # PyTorch's output depends on the program only: kept by its hash
        os.makedirs(args.cache, exist_ok=True)
        key = os.path.join(args.cache, hashlib.sha1(program(cases).encode()).hexdigest() + '.out')
        if os.path.exists(key):
            with open(key) as f: expected = f.read()
    if expected is None:
        expected, code, _ = run([args.python], path)
        # kept only when PyTorch finished: a run cut off by the time limit (a loaded machine) is no answer
        if args.cache and expected is not None and code == 0:
            with open(key, 'w') as f: f.write(expected)
    want, _ = blocks(expected or '')
    results = {}
    remaining, part = cases, 0
    while remaining:
        part += 1
        here = path if part == 1 else os.path.join(folder, f'{name}_{part}.py')
        if part > 1:
            with open(here, 'w') as f: f.write(program(remaining))
        got, code, err = run([args.inception, 'run'], here)
        have, last = blocks(got)
        ids = [c['id'] for c in remaining]
        finished = code in (0, 1, 2, 65, 70) and 'Fatal error' not in err
        for c in remaining:
            if c['id'] in have and (finished and code == 0 or c['id'] != last):
                results[c['id']] = (outcome(want.get(c['id'], '<missing>'), have[c['id']]), want.get(c['id'], '<missing>'), have[c['id']], here)
        if code == 0 and finished: break
        # stopped early: the last case printed its marker and no end; it is refused or crashed
        at = ids.index(last) if last in ids else -1
        if at >= 0:
            c = remaining[at]
            first = (err.strip().splitlines() or [''])
            kind = 'refused' if finished else 'crash'
            note = f'exit {code}: ' + ' | '.join(first[:3]) if kind == 'crash' else first[-1]
            results[c['id']] = (kind, want.get(c['id'], '<missing>'), (have.get(c['id'], '') + '\n' + note).strip(), here)
        else:
            for c in remaining:
                results[c['id']] = ('crash', want.get(c['id'], ''), f'exit {code} before any case: {err.strip()[:300]}', here)
            break
        remaining = remaining[at + 1:]
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--files', type=int, default=20)
    p.add_argument('--cases', type=int, default=50)
    p.add_argument('--python', default='/tmp/inception-anchors/bin/python')
    p.add_argument('--inception', default='.build/release/inception')
    p.add_argument('--out', default=None)
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--show', type=int, default=3, help='examples printed per group')
    p.add_argument('--family', default=None, help='comma-separated families to generate')
    p.add_argument('--json', default=None, help='write every case and its outcome here')
    p.add_argument('--cache', default=None, help="keep PyTorch's output of each program here, to run again faster")
    args = p.parse_args()
    args.inception = os.path.abspath(args.inception)
    folder = args.out or tempfile.mkdtemp(prefix='diff-fuzz-')
    os.makedirs(folder, exist_ok=True)
    only = set(args.family.split(',')) if args.family else None
    work = []
    for s in range(args.seed, args.seed + args.files):
        work.append((f'f{s}', make_cases(s, args.cases, only)))
    results, meta = {}, {}
    for _, cases in work:
        for c in cases: meta[c['id']] = c
    with ThreadPoolExecutor(args.jobs) as pool:
        for part in pool.map(lambda w: run_file(folder, w[0], w[1], args), work):
            results.update(part)
    counts = collections.Counter(v[0] for v in results.values())
    groups = collections.defaultdict(list)
    for cid, (kind, want, got, path) in results.items():
        if kind != 'identical':
            groups[(meta[cid]['family'], meta[cid]['op'], kind)].append((cid, want, got, path))
    for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f'== {len(items):4d}  {key[0]}.{key[1]}  {key[2]}')
        for cid, want, got, path in items[:args.show]:
            print(f'   {cid} ({os.path.basename(path)})\n     ' + meta[cid]['body'].replace('\n', '\n     '))
            print('     torch: ' + want.replace('\n', '\n            ')[:600])
            print('     here:  ' + got.replace('\n', '\n            ')[:600])
    by_family = collections.defaultdict(collections.Counter)
    for cid, v in results.items(): by_family[meta[cid]['family']][v[0]] += 1
    print()
    for fam, c in sorted(by_family.items()): print(f'{fam:12s}', dict(c.most_common()))
    print(f'\n{len(results)} cases in {len(work)} files ({folder}):', dict(counts.most_common()))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({cid: {'family': meta[cid]['family'], 'op': meta[cid]['op'], 'body': meta[cid]['body'],
                             'outcome': v[0], 'torch': v[1], 'here': v[2]} for cid, v in results.items()}, f, indent=1)
    raise SystemExit(1 if counts.get('crash') else 0)


if __name__ == '__main__':
    main()
