import operator
import torch
from operator import itemgetter, attrgetter

def describe(x):
    if x == 0 and isinstance(x, int):
        return "zero"
    elif isinstance(x, int) and x < 0:
        return "negative int"
    elif isinstance(x, list) and len(x) == 2:
        a, b = x
        return f"pair {a},{b}"
    elif isinstance(x, dict) and "lr" in x:
        return f"config lr={x['lr']}"
    elif isinstance(x, str):
        return f"string {x!r}"
    return "other"
print([describe(v) for v in [0, -3, [1, 2], {"lr": 0.1, "x": 1}, "hi", 3.5]])
t = torch.zeros(2, 3)
print("{0.shape} {0.dtype} {1[1]} {d[k]}".format(t, [7, 8], d={"k": "v"}))
x = 3.14159
print(f"{x=:.2f}", f"{t.shape=}", f"{len([1, 2])=}")
a, *rest = [1, 2, 3, 4]
*init, last = "abc"
(p, q), r = (1, 2), 3
print(a, rest, init, last, p, q, r)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 != 2)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())
total = 0
def add(v):
    global total
    total += v
add(5); add(2)
print(total)
def append_to(v, acc=[]):
    acc.append(v)
    return acc
append_to(1)
print(append_to(2))
class Net:
    def __init__(self):
        self._store = {"depth": 3}
    def __getattr__(self, name):
        if name in self._store:
            return self._store[name]
        raise AttributeError(f"no {name}")
    def __call__(self, v):
        return v * self.depth
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
n = Net()
print(n.depth, n(2), len(n), list(n), 20 in n)
try:
    n.width
except AttributeError as e:
    print("AttributeError:", e)
class Timer:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return True
with Timer() as tm:
    raise ValueError("swallowed")
print("after with", type(tm).__name__)
rows = [{"name": "b", "acc": 0.9}, {"name": "a", "acc": 0.9}, {"name": "c", "acc": 0.8}]
print([r["name"] for r in sorted(rows, key=itemgetter("acc"), reverse=True)])
print(operator.add(2, 3), operator.mul(4, 5), list(map(operator.neg, [1, -2])), itemgetter(0, 2)("abc"))
pairs = [(1, "b"), (1, "a"), (0, "c")]
print(sorted(pairs, key=itemgetter(0)))
for i in range(3):
    if i == 5:
        break
else:
    print("no break")
if (k := len(rows)) > 2:
    print("many rows", k)
print({x % 3 for x in range(10)}, {k: v for k, v in zip("abc", range(3)) if v})
squares = (i * i for i in range(4))
print(next(squares), list(squares), list(squares))
print(list(zip(*[[1, 2, 3], [4, 5, 6]])), [list(g) for g in [range(2)]])
print(sum(range(101)), min(3, 1, 2), max("apple", "pear", key=len), sorted("hello"), "".join(sorted(set("hello"))))
