# Python semantics: an augmented assignment evaluates its target once (a[f()] += 1, get().n += 1) and calls __iadd__ … where a class defines it; zip and map step their arguments in turn (zip(it, it), the zip(*[iter(xs)] * 3) chunking idiom)
import random
random.seed(0)
hist = [0] * 5
for _ in range(1000):
    hist[random.randint(0, 4)] += 1
print(hist, sum(hist))

calls = []
def key(k):
    calls.append(k)
    return k
d = {"a": 1}
d[key("a")] += 10
d[key("a")] *= 2
print(d, calls)

class Box:
    def __init__(self):
        self.n = 0
made = []
def get():
    b = Box()
    made.append(b)
    return b
shared = Box()
def getshared():
    made.append(shared)
    return shared
getshared().n += 5
getshared().n += 5
print(shared.n, len(made))

xs = [[1, 2], [3, 4]]
i = 0
def nxt():
    global i
    i += 1
    return i - 1
xs[nxt()][nxt()] += 100
print(xs, i)

class M:
    def __init__(self, c): self.c = c
    def __iadd__(self, o):
        print("iadd"); self.c += o.c; return self
    def __add__(self, o):
        print("add"); return M(self.c + o.c)
m = M(1); m2 = m
m += M(2)
print(m.c, m is m2, m2.c)
class OnlyAdd:
    def __init__(self, c): self.c = c
    def __add__(self, o):
        return OnlyAdd(self.c + o)
a = OnlyAdd(1); b = a
a += 5
print(a.c, b.c, a is b)
class Acc:
    def __init__(self): self.items = []
    def __isub__(self, x):
        self.items.append(-x); return self
    def __imul__(self, k):
        self.items = self.items * k; return self
acc = Acc(); ref = acc
acc -= 3
acc *= 2
print(acc.items, acc is ref)
holder = {"m": M(10)}
holder["m"] += M(1)
print(holder["m"].c)
import torch
t = torch.zeros(4)
hits = []
def pick(i):
    hits.append(i)
    return i
t[pick(1)] += 2.5
t[pick(3)] -= 1
print(t, hits)
xs = list(range(6))
it = iter(xs)
print(list(zip(it, it)))
print(list(zip(*[iter(range(9))] * 3)))
print(list(zip(*[iter("abcdefg")] * 2)))
a = iter([1, 2, 3]); b = iter([10])
print(list(zip(a, b)), next(a))
a = iter([1, 2, 3])
print(list(zip([7], a)), next(a))
print(list(map(lambda p, q: p + q, iter([1, 2, 3, 4]), iter([10, 20]))))
it = iter(range(8))
print(list(map(lambda p, q: p * q, it, it)))
print(dict(zip(["a", "b"], [1, 2, 3])))
print(list(zip()))
keys = iter(["k1", "v1", "k2", "v2"])
print(dict(zip(keys, keys)))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print("ValueError", e)
