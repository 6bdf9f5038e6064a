# Python semantics: lru_cache's maxsize (least recently used dropped) and CacheInfo, dataclass __post_init__ and inherited default_factory, __init_subclass__, __slots__, a class's own __setattr__ (an nn.Module subclass's too), <class '__main__.Foo'>, OSError's [Errno n] text
import torch
import torch.nn as nn
import functools
from dataclasses import dataclass, field

@functools.lru_cache(maxsize=1)
def f(x):
    print("compute", x)
    return x
f(1); f(2); f(1)
print(f.cache_info())
@functools.lru_cache(maxsize=2)
def g(x):
    print("g", x)
    return x * 2
for v in [1, 2, 1, 3, 2, 1]:
    g(v)
info = g.cache_info()
print(info, info.hits, info.misses, info.maxsize, info.currsize, info[0])
@functools.lru_cache
def h(x):
    return x + 1
print([h(i) for i in range(200)][-1], h.cache_info())
@functools.lru_cache(None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@functools.cache
def sq(n):
    return n * n
print(sq(4), sq(4), sq.cache_info())
@functools.lru_cache(maxsize=0)
def z(x):
    print("z", x)
    return x
z(1); z(1)
print(z.cache_info())
@functools.lru_cache(maxsize=8, typed=True)
def t(x):
    print("t", repr(x))
    return x
t(1); t(1.0); t(1)
print(t.cache_info())
sq.cache_clear()
print(sq.cache_info())

@dataclass
class C:
    name: str
    tags: list = field(default_factory=list)
    def __post_init__(self):
        self.name = self.name.upper()
        self.size = len(self.name)
c = C("adam")
print(c, c.size)
@dataclass
class D(C):
    extra: int = 0
print(D("x", extra=3))

class Reg:
    registry = []
    def __init_subclass__(cls):
        Reg.registry.append(cls.__name__)
class R1(Reg): pass
class R2(Reg):
    pass
class R3(R1): pass
print(Reg.registry)
class Plugin:
    kinds = {}
    @classmethod
    def __init_subclass__(cls, **kwargs):
        Plugin.kinds[cls.__name__.lower()] = cls
class Csv(Plugin): pass
print(sorted(Plugin.kinds), Plugin.kinds["csv"] is Csv)

class P:
    __slots__ = ("a",)
p = P()
p.a = 1
try:
    p.b = 2
    print("set b")
except AttributeError as e:
    print("AttributeError:", e)
class Q(P):
    __slots__ = ("b",)
q = Q(); q.a = 1; q.b = 2
try:
    q.c = 3
except AttributeError as e:
    print("AttributeError:", e)
class Free(P):
    pass
fr = Free(); fr.anything = 5
print(q.a, q.b, fr.anything)
class S:
    __slots__ = "x"
    def __init__(self):
        self.x = 1
print(S().x)

class M:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)
m = M()
m.x = 1
m.x += 1
print(m.x)
class Frozen:
    def __init__(self, v):
        super().__setattr__("v", v)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")
fz = Frozen(3)
try:
    fz.v = 4
except AttributeError as e:
    print("AttributeError:", e)
print(fz.v)
class Logged:
    def __init__(self):
        self.count = 0
    def __setattr__(self, name, value):
        self.__dict__[name] = value * 2 if isinstance(value, int) else value
lg = Logged(); lg.count = 5
print(lg.count)

class Foo: pass
print(type(Foo()), Foo)
print(str(OSError(2, "No such file")), OSError(2, "No such file", "x.txt"), FileNotFoundError(2, "missing"))
print(repr(OSError(2, "No such file")), OSError("plain"), OSError(2, "No such file").args)
torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.scale = 3
    def __setattr__(self, name, value):
        print("setattr", name, type(value).__name__)
        super().__setattr__(name, value)
    def forward(self, x):
        return self.fc(x) * self.scale
net = Net()
print(net)
print(len(list(net.parameters())), [n for n, _ in net.named_parameters()])
net.scale = 2
print(net(torch.ones(1, 2)).shape, net.scale)
class Slotted(nn.Module):
    __slots__ = ("a",)
    def __init__(self):
        super().__init__()
        self.b = 1
print(Slotted().b)
