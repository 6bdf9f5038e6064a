# Class protocols a container or value class uses: __setitem__ / __delitem__, a method
# aliased in the class body (__rmul__ = __mul__, __str__ = __repr__), a function bound as a
# class attribute, NotImplemented from __eq__ / __add__, <= refused when only __lt__ exists,
# and object() as a sentinel.
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __delitem__(self, i):
        del self.xs[i]
    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return Vec(*[a * k for a in self.xs])
    __rmul__ = __mul__
    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return self.xs == other.xs
    __hash__ = None
    def __repr__(self):
        return f"Vec{tuple(self.xs)}"
    __str__ = __repr__


v = Vec(1, 2, 3)
v[0] = 10
v[-1] += 5
print(v, len(v), v[0], v[2])
del v[1]
print(v, list(v))
print(v * 2, 3 * v, str(v), [v])
print(v == Vec(10, 8), v == 5, v != 5, v != Vec(0, 0))
try:
    v + 1
except TypeError as e:
    print("TypeError:", e)


class Config:
    def __init__(self):
        self.data = {}
    def __setitem__(self, key, value):
        print("set", key, value)
        self.data[key] = value
    def __getitem__(self, key):
        return self.data[key]
    def __delitem__(self, key):
        print("del", key)
        del self.data[key]
    def __contains__(self, key):
        return key in self.data


c = Config()
c["lr"] = 0.1
c["epochs"] = 3
c["lr"] *= 2
print(c["lr"], "lr" in c, c.data)
del c["epochs"]
print("epochs" in c, c.data)
try:
    del c["missing"]
except KeyError as e:
    print("KeyError:", e)


def describe(self):
    return f"{type(self).__name__} with {self.n}"


class Counted:
    label = describe
    double = lambda self: self.n * 2
    def __init__(self, n):
        self.n = n


k = Counted(4)
print(k.label(), k.double(), Counted.label(k))


class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return f"v{self.major}.{self.minor}"


vs = [Version(2, 0), Version(1, 5), Version(1, 10)]
print(sorted(vs), min(vs), max(vs), Version(1, 0) < Version(1, 1), Version(3, 0) > Version(2, 9))
for op in ["<=", ">="]:
    try:
        print(eval(f"Version(1, 0) {op} Version(1, 1)"))
    except TypeError as e:
        print("TypeError:", e)

MISSING = object()


def lookup(d, key, default=MISSING):
    if key in d:
        return d[key]
    if default is MISSING:
        return "no default"
    return default


print(lookup({"a": 1}, "a"), lookup({}, "a"), lookup({}, "a", None), MISSING is MISSING, MISSING == object())
print(isinstance(3, object), isinstance(v, object), issubclass(Vec, object), issubclass(int, object))
print(isinstance(3, (str, (float, int))), isinstance("s", (int,)))
for info in [1, "int", None]:
    try:
        isinstance(3, info)
    except TypeError as e:
        print("TypeError:", e)
