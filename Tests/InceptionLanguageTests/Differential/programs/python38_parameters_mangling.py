# Positional-only (`/`) and keyword-only (`*`) parameters with CPython's TypeErrors, name
# mangling of `__private` names inside classes, a property's deleter, and attributes set on
# exceptions (`e.__cause__`, `e.code`).
def call(fn, *args, **kwargs):
    try:
        print(fn(*args, **kwargs))
    except TypeError as e:
        print("TypeError:", e)


def f(a, /, b):
    return (a, b)


def g(a, *, c):
    return (a, c)


def h(a, b, /, c, *, d, e=5):
    return (a, b, c, d, e)


def k(a, /, b=2, *args, c, **kw):
    return (a, b, args, c, kw)


def n(x, /, **kw):
    return (x, kw)


def m(a, b):
    return a + b


call(f, 1, 2)
call(f, 1, b=2)
call(f, a=1, b=2)
call(f, 1)
call(f)
call(f, 1, 2, 3)
call(g, 1, c=3)
call(g, 1)
call(g, 1, 2)
call(h, 1, 2, 3, d=4)
call(h, 1, 2, c=3, d=4, e=6)
call(h, 1, 2, 3)
call(h, 1, 2)
call(h, a=1, b=2, c=3, d=4)
call(h, 1, 2, 3, 4, 5)
call(k, 1, c=3)
call(k, 1, 2, 3, 4, c=5, z=6)
call(k, 1)
call(k, a=1, c=2)
call(n, 1, x=2)
call(n, 1, y=2, x=3)
call(n, x=1)
call(m, 1, 2, 3)
call(m, 1, b=2, a=3)
call(m, 1, 2, z=3)
lam = lambda a, /, b, *, c: (a, b, c)
call(lam, 1, 2, c=3)
call(lam, 1, 2)
call(lam, a=1, b=2, c=3)


def two(a, b, /):
    return a * b


call(two, a=1, b=2)
call(two, 1, b=2)
call(two, 3, 4)


def scale(x, /, factor=2.0, *, bias=0.0):
    return x * factor + bias


print(scale(3), scale(3, 4), scale(3, factor=1.5, bias=1))


class Base:
    __registry = "base"

    def __init__(self):
        self.__x = 10
        self._y = 20

    def get(self):
        return self.__x, self.__registry

    def __helper(self):
        return "helper"

    def call(self):
        return self.__helper()

    def __repr__(self):
        return f"Base(x={self.__x})"


class Child(Base):
    def __init__(self):
        super().__init__()
        self.__x = 99

    def mine(self):
        return self.__x


c = Child()
print(c.get(), c.mine(), c.call(), repr(c))
print(sorted(vars(c)))
print(c._Base__x, c._Child__x, Base._Base__registry)
try:
    print(c.__x)
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(Base, "_Base__helper"), hasattr(Base, "__helper"))


class _Leading:
    def __init__(self):
        self.__z = 3


print(vars(_Leading()))


class Locals:
    def f(self):
        __local = 5
        return __local

    def g(self, __arg=3):
        return __arg


print(Locals().f(), Locals().g(), Locals().g(7))


class Raw:
    def __init__(self):
        setattr(self, "__raw", 1)
        self.__m = 2

    def read(self):
        return getattr(self, "__raw"), self.__m, getattr(self, "_Raw__m")


print(Raw().read(), sorted(vars(Raw())))


class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting celsius")
        del self._c

    @property
    def kelvin(self):
        return self._c + 273.15


t = Temperature()
t.celsius = 25.0
print(t.celsius, round(t.kelvin, 2))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(hasattr(t, "_c"))
try:
    t.kelvin = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.kelvin
except AttributeError as e:
    print("AttributeError:", e)

e = RuntimeError("outer")
e.__cause__ = KeyError("inner")
print(repr(e.__cause__), e.__suppress_context__)
e.code = 3
print(e.code, e.args)
e.__suppress_context__ = False
print(e.__suppress_context__)
