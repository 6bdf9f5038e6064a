# Python semantics: a class's __format__, __float__, __int__, __index__, __abs__ and __bool__; __doc__ of functions and classes (and through functools.wraps); collections.namedtuple's _asdict, _replace, _fields, _make, defaults=; typing.NamedTuple classes
import functools
from collections import namedtuple
from typing import NamedTuple


class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return f"${self.v:{spec}}"
    def __float__(self):
        return float(self.v)
    def __int__(self):
        return int(self.v) + 100
    def __abs__(self):
        return Money(abs(self.v))
    def __bool__(self):
        return self.v != 0
    def __repr__(self):
        return f"Money({self.v})"


m = Money(-3.14159)
print(f"{m:.2f}", format(m, ".1f"), "{:.3f}".format(m), f"{m}")
print(float(m), int(m), abs(m), bool(m), bool(Money(0)))
if Money(0):
    print("zero is true")
else:
    print("zero is false")


class Idx:
    def __index__(self):
        return 3


print(int(Idx()), float(Idx()))


class Plain:
    pass


try:
    print(f"{Plain():>5}")
except TypeError as e:
    print("TypeError", e)


def add(a, b):
    """Add numbers."""
    return a + b


def nodoc():
    return 1


class A:
    """Doc A."""


class B:
    x = 1


print(add.__doc__, nodoc.__doc__, A.__doc__, B.__doc__, (lambda: 0).__doc__)


def deco(fn):
    @functools.wraps(fn)
    def inner(*args):
        return fn(*args)
    return inner


@deco
def mul(a, b):
    """Multiply numbers."""
    return a * b


print(mul(3, 4), mul.__name__, mul.__doc__)

Pt = namedtuple("Pt", ["x", "y"])
p = Pt(1, 2)
print(p, p._fields, Pt._fields, p._asdict())
q = p._replace(x=5)
print(q, p, q.x, q[1], q == (5, 2))
print(Pt._make([7, 8]))
Cfg = namedtuple("Cfg", "lr momentum nesterov", defaults=[0.9, False])
c = Cfg(0.1)
print(c, Cfg._field_defaults, Cfg(0.2, nesterov=True))
try:
    p._replace(z=1)
except ValueError as e:
    print("ValueError", e)


class Result(NamedTuple):
    loss: float
    acc: float = 0.0


r = Result(0.5)
print(r)
print(r.loss, r[0], r.acc, Result._fields, r._asdict())
loss, acc = Result(0.25, acc=0.75)
print(loss, acc, Result(loss=1.0, acc=2.0), isinstance(r, tuple), len(r))
print(r._replace(acc=0.5))
