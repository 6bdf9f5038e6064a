# Python semantics: `is` compares lists, dicts and sets by identity; iterators (generators, map, filter, zip, enumerate, reversed, iter(), parameters()) are single-pass; zip(strict=True); OrderedDict.popitem/move_to_end; tuple.count; a dict changed while looped over
import torch
import torch.nn as nn
from collections import OrderedDict

print([] is [], {} is {}, set() is set(), [1] is [1])
a = [1]
b = a
print(a is a, b is a, a.copy() is a, a[:] is a, list(a) is a, a is not a[:])
d = {"k": 1}
print(d is d, d.copy() is d, dict(d) is d, d == d.copy())
s = {1, 2}
print(s is s, s.copy() is s, set(s) is s)
x = torch.zeros(2)
print(x is x, x.clone() is x)
e = []
f = e
f.append(3)
print(e, e is f)

sq = (v * v for v in range(4))
print(sum(sq), sum(sq))
g = iter([1, 2, 3])
print(list(g), list(g))
it = iter([1, 2, 3, 4])
first = next(it)
print(first, list(it))
m = map(str, [1, 2])
print(list(m), list(m))
z = zip([1, 2], [3, 4])
print(list(z), list(z))
fl = filter(None, [0, 1, 2])
print(list(fl), list(fl))
en = enumerate("ab")
print(next(en), list(en), list(en))
r = reversed([1, 2, 3])
print(next(r), list(r))
it2 = iter(range(5))
for v in it2:
    if v == 1:
        break
print(list(it2))
it3 = iter([1, 2, 3, 4, 5, 6])
for v in it3:
    print("pair", v, next(it3))
it4 = iter([10, 20, 30])
print(20 in it4, list(it4))
it5 = iter(["a", "b"])
print(next(it5), next(it5), next(it5, "done"))
try:
    next(it5)
except StopIteration as exc:
    print("StopIteration", repr(exc), str(exc) == "")
gen = (v for v in range(3))
print(bool(gen), list(gen), bool(gen))
print(type(map(str, [])).__name__, type(zip()).__name__, type(enumerate([])).__name__, type(iter([])).__name__, type(reversed([])).__name__)
it6 = iter(range(100))
total = 0
while True:
    v = next(it6, None)
    if v is None:
        break
    total += v
print(total)
lo, hi = (v for v in [5, 9])
print(lo, hi)
try:
    len(v for v in [1])
except TypeError as exc:
    print("TypeError", exc)

lin = nn.Linear(3, 2)
params = lin.parameters()
print(sum(p.numel() for p in params), sum(p.numel() for p in params))
named = lin.named_parameters()
print([n for n, _ in named], [n for n, _ in named])

print(list(zip([1, 2], [3, 4], strict=True)))
for args in [([1, 2], [1]), ([1], [1, 2]), ([1, 2], [1, 2], [1]), ([1, 2], [1, 2], [1, 2, 3]), ([1], [1, 2], [1])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as exc:
        print("ValueError", exc)

od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
print(od.popitem(last=False), od.popitem(), od)
od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
od.move_to_end("a")
print(list(od))
od.move_to_end("c", last=False)
print(list(od), od)
try:
    od.move_to_end("zz")
except KeyError as exc:
    print("KeyError", exc)
try:
    OrderedDict().popitem()
except KeyError as exc:
    print("KeyError", exc)
try:
    {}.popitem()
except KeyError as exc:
    print("KeyError", exc, exc.args)
t = (1, 2, 1, 3, 1)
print(t.count(1), t.count(7), t.index(3))

d = {"x": 1}
try:
    for k in d:
        d["y"] = 2
except RuntimeError as exc:
    print("RuntimeError", exc)
d = {"x": 1, "y": 2}
try:
    for k, v in d.items():
        del d["y"]
except RuntimeError as exc:
    print("RuntimeError", exc)
d = {"x": 1, "y": 2}
for k in list(d):
    d[k + k] = 0
print(d)
d = {"x": 1}
for k in d:
    d[k] = 5
print(d)
