"""Differential fuzzing of generators against CPython: random generator functions whose yields
sit inside if/for/while/try/except/else/finally/with blocks (class managers that do or do not
suppress, @contextmanager, contextlib.suppress), with break/continue/return/raise, consumed by
list(), a for loop left by break, next() then close(), or a @contextmanager around a loop over
them. Each program's stdout here must equal CPython's.

    python3 fuzz/generators_differential.py [--count 300] [--seed 0] [--inception .build/release/inception] [--python python3]

Prints the programs that differ (kept in a temporary folder) and a count by outcome.
"""
import argparse, random, sys
from differential_harness import compare_all
HEADER = '''from contextlib import contextmanager, suppress
class CM:
    def __init__(self, name, swallow=False):
        self.name = name; self.swallow = swallow
    def __enter__(self):
        print("enter", self.name); return self.name
    def __exit__(self, t, e, tb):
        print("exit", self.name, t.__name__ if t else None); return self.swallow
@contextmanager
def gcm(name):
    print("genter", name)
    try:
        yield name
    except KeyError as e:
        print("gcm swallowed", name)
    finally:
        print("gexit", name)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
'''
def stmts(r, depth, inloop, ind, nid):
    out = []
    for _ in range(r.randint(1, 3)):
        out += stmt(r, depth, inloop, ind, nid)
    return out
def stmt(r, depth, inloop, ind, nid):
    p = ' ' * ind
    nid[0] += 1; n = nid[0]
    choices = ['yield', 'yield', 'print', 'raise']
    if depth < 3: choices += ['if', 'for', 'while', 'try', 'try', 'with', 'with']
    if inloop: choices += ['break', 'continue']
    choices += ['return'] if r.random() < 0.3 else []
    c = r.choice(choices)
    if c == 'yield': return [p + f'yield {n}']
    if c == 'print': return [p + f'print("s{n}", tick())']
    if c == 'raise':
        e = r.choice(['ValueError("v")', 'KeyError("k")', 'ZeroDivisionError("z")'])
        return [p + f'if tick() % {r.randint(2,5)} == 0: raise {e}']
    if c == 'break': return [p + f'if tick() % {r.randint(2,4)} == 0: break']
    if c == 'continue': return [p + f'if tick() % {r.randint(2,4)} == 0: continue']
    if c == 'return': return [p + f'if tick() % {r.randint(2,6)} == 0: return']
    if c == 'if':
        lines = [p + f'if tick() % 2 == 0:'] + stmts(r, depth+1, inloop, ind+4, nid)
        if r.random() < 0.5: lines += [p + 'else:'] + stmts(r, depth+1, inloop, ind+4, nid)
        return lines
    if c == 'for':
        lines = [p + f'for i{n} in range({r.randint(0,3)}):'] + stmts(r, depth+1, True, ind+4, nid)
        if r.random() < 0.3: lines += [p + 'else:', p + f'    print("else{n}")'] + stmts(r, depth+1, inloop, ind+4, nid)
        return lines
    if c == 'while':
        return [p + f'w{n} = 0', p + f'while w{n} < {r.randint(1,3)}:', p + f'    w{n} += 1'] + stmts(r, depth+1, True, ind+4, nid)
    if c == 'with':
        m = r.choice([f'CM("c{n}")', f'CM("c{n}", True)', f'gcm("g{n}")', 'suppress(ValueError)'])
        return [p + f'with {m} as m{n}:'] + stmts(r, depth+1, inloop, ind+4, nid)
    if c == 'try':
        lines = [p + 'try:'] + stmts(r, depth+1, inloop, ind+4, nid)
        hs = r.sample(['ValueError', 'KeyError', '(ZeroDivisionError, KeyError)', 'Exception', ''], r.randint(0, 2))
        hs.sort(key=lambda h: h == '')
        for h in hs:
            lines += [p + (f'except {h} as e{n}:' if h else 'except:'), p + f'    print("caught{n}", type(e{n}).__name__)' if h else p + f'    print("caught{n}")']
            if r.random() < 0.5: lines += stmts(r, depth+1, inloop, ind+4, nid)
            if r.random() < 0.2: lines += [p + '    raise']
        if hs and r.random() < 0.3: lines += [p + 'else:'] + stmts(r, depth+1, inloop, ind+4, nid)
        if not hs or r.random() < 0.5:
            lines += [p + 'finally:', p + f'    print("fin{n}")']
        return lines
def program(seed):
    r = random.Random(seed)
    nid = [0]
    body = stmts(r, 0, False, 4, nid)
    lines = [HEADER, 'def g():'] + body + ['    yield "end"']
    consumer = r.choice(['list', 'loop', 'close', 'cm'])
    if consumer == 'list':
        lines += ['try:', '    print(list(g()))', 'except Exception as e:', '    print("out", type(e).__name__)']
    elif consumer == 'loop':
        lines += ['try:', '    for x in g():', '        print("got", x)', f'        if x == {r.randint(1, nid[0])}: break', 'except Exception as e:', '    print("out", type(e).__name__)']
    elif consumer == 'close':
        lines += ['it = g()', 'try:', f'    for _ in range({r.randint(0,3)}): print("next", next(it, None))', '    it.close()', '    print("closed", next(it, "done"))', 'except Exception as e:', '    print("out", type(e).__name__)']
    else:
        lines += ['@contextmanager', 'def outer():', '    for x in g():', '        print("pre", x)', '        yield x', '        return',
                  'try:', '    with outer() as v:', '        print("body", v)', '        if tick() % 2 == 0: raise KeyError("b")', 'except Exception as e:', '    print("out", type(e).__name__)']
    lines += ['print("counter", counter[0])']
    return '\n'.join(lines) + '\n'
if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--inception", default=".build/release/inception")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    compare_all(args, "generators-fuzz-", program, lambda expected, got: None if got == expected else "", timeout=20)
