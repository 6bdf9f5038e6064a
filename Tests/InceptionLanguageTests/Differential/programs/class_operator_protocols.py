# operators and protocols of a program's class: __add__ / __radd__ / __mul__ / __rmul__ / __neg__,
# __len__, __iter__ (loops, list(), unpacking), __contains__, __bool__, __getattr__, and
# @property with @name.setter (a property without one refuses assignment)
import torch
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __len__(self):
        return 2
    def __iter__(self):
        return iter([self.x, self.y])
    def __getitem__(self, i):
        return [self.x, self.y][i]
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __bool__(self):
        return bool(self.x or self.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
v = Vec(1, 2)
print(v + Vec(3, 4), v * 2, 3 * v, -v, len(v), list(v), v[1], 2 in v, bool(Vec(0, 0)), sum([1, 2]))
a, b = v
print(a, b, sorted([Vec(2, 1), Vec(1, 5)], key=lambda p: p.x))
class Temp:
    def __init__(self):
        self._c = 0.0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, value):
        self._c = value * 1.0
t = Temp()
t.c = 5
print(t.c, t._c)
class Lazy:
    def __getattr__(self, name):
        return name.upper()
print(Lazy().hello)
class R:
    @property
    def area(self):
        return 4
try:
    R().area = 5
except AttributeError as e:
    print("AttributeError", e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), [x for x in Seq()])
class Meter:
    def __init__(self):
        self.values = []
    def __len__(self):
        return len(self.values)
m = Meter()
print(bool(m), "empty" if not m else "full")
m.values.append(1)
print(bool(m), len(m))
from collections import Counter
class Count:
    def __init__(self, n):
        self.n, self.i = n, 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(3)), [x * 2 for x in Count(2)], sum(Count(4)))
c = Count(2)
it = iter(c)
print(next(it), next(it), next(it, "done"), it is c)
