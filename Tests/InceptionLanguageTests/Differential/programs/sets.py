# sets and frozensets: displays, comprehensions, methods, operators and subset tests, printed in
# CPython's own order (ints, floats, bools and tuples hash the same here as in CPython)
import torch
import copy

labels = torch.tensor([7, 3, 7, 1, 3, 12, 40, 33])
classes = set(labels.tolist())
print(classes, len(classes), sorted(classes), 12 in classes, 5 not in classes)
print({40, 8, 16, 1, -3, 2 ** 61, (1, 2), 0.5, True}, {x * 9 % 40 for x in range(15) if x % 2})
print(set(), frozenset(), frozenset({3, 1}), set("aab") == {"a", "b"}, {*[1, 2], *(2, 3), 4})
print({1, 1.0, True}, {0, False, 0.0}, hash(1) == hash(1.0) == hash(True), hash((1, 2)), hash(-1), hash(2.5))

a, b = {1, 2, 3, 50}, {3, 4, 50, 99}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([7], (8, 9)), a.intersection(b, [3]), a.difference([1], {2}), a.symmetric_difference(range(2, 5)))
print(a <= b, a < a | b, a | b >= b, {3} > {3}, a == {50, 3, 2, 1}, a != b, a.isdisjoint({7}), a.issubset(range(100)), a.issuperset([1, 2]))

s = set()
for w in [9, 100, 4, 9, 33, 4, 64]:
    if w in s:
        print("seen", w)
    s.add(w)
print(s)
s.discard(1000); s.remove(100); print(s, s.pop(), s)
s.update([5, 6], {70}); print(s)
s.intersection_update(range(0, 60)); print(s)
s.difference_update([5]); s.symmetric_difference_update({6, 7}); print(s)
alias = s
s |= {200}; s -= {9}; s &= {33, 200, 7, 4}; s ^= {1}
print(alias, alias is s)
f = frozenset([3, 2]); g = f
f |= {1}
print(f, g, type(f).__name__, {f: "frozen key"}[frozenset([1, 2, 3])])
c = copy.copy(a); c.add(-1); print(a, c, copy.deepcopy({(1, 2), (3, 4)}))
print(list({5, 3, 11}), tuple({2, 1}), sum({1, 2, 3}), max({4, 9}), sorted({3, 1, 2}, reverse=True), f"{ {1, 2} }")
s.clear(); print(s, bool(s), bool({0}))

for attempt in ["{1}[0]", "{[1]}", "{1}.remove(2)", "set().pop()", "{1} + {2}", "{1} | [2]", "set(3)"]:
    try:
        eval_result = None
        if attempt == "{1}[0]":
            one = {1}
            eval_result = one[0]
        elif attempt == "{[1]}":
            eval_result = {[1]}
        elif attempt == "{1}.remove(2)":
            {1}.remove(2)
        elif attempt == "set().pop()":
            set().pop()
        elif attempt == "{1} + {2}":
            eval_result = {1} + {2}
        elif attempt == "{1} | [2]":
            eval_result = {1} | [2]
        else:
            eval_result = set(3)
    except (TypeError, KeyError) as e:
        print(attempt, type(e).__name__)
try:
    t = {1, 2, 3}
    for x in t:
        t.add(x + 10)
except RuntimeError as e:
    print("RuntimeError", e)
