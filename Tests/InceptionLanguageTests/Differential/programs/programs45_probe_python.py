import math
import copy
from functools import lru_cache, wraps, total_ordering
probes = [
    lambda: f"{3.0:.0f} {2.5:.0f} {1e16:,.0f} {float('nan'):.2f} {-0.0:.1f} {1/3:.20f}",
    lambda: f"{123:>+8,d}|{0.000012345:.3e}|{12345678.9:.4g}|{1e-5:g}|{1.5e300 * 1e10}",
    lambda: ("%5.1f%%" % 12.345, "%+.2e" % -0.00123, "%05d" % -42, "%-6s|" % "ab", "%(a)s-%(b)d" % {"a": "x", "b": 2}),
    lambda: (round(0.125, 2), round(2.675, 2), round(-1.5), round(1234, -2), int(-7 / 2), -7 // 2, -7 % 2, 7 % -2, divmod(-7, 2)),
    lambda: (str(1e20), str(1e-5), str(123456789012345678.0), repr(0.1 + 0.2), str(1/3), 1e16, float(2**53 + 1)),
    lambda: (math.isnan(float("nan")), math.isinf(-math.inf), math.copysign(1, -0.0), math.fsum([0.1] * 10), sum([0.1] * 10), math.erf(0.5), math.gamma(5)),
    lambda: sorted([(2, "b"), (1, "z"), (2, "a")], key=lambda t: (-t[0], t[1])),
    lambda: [list(t) for t in zip([1, 2, 3], "ab")],
    lambda: {i: i * i for i in range(4) if i % 2}.items(),
    lambda: (list(range(10, 0, -3)), range(5)[1:3], len(range(0, 100, 7)), 7 in range(0, 10, 7)),
    lambda: ("a" * 3, [0] * 2 + [1], (1, 2) * 2, "-".join(str(i) for i in range(3)), "x".join([])),
    lambda: (max([], default=0), min("bca"), sum([[1], [2]], []), any(x > 2 for x in [1, 3]), all([])),
    lambda: (int(True) + True, True and 3, 0 or "e", not [], None is None, [] == [], [] is []),
    lambda: sorted({"b": 1, "a": 2}, key=lambda k: -{"b": 1, "a": 2}[k]),
    lambda: (list(enumerate("abc", 1))[-1], dict(zip("ab", range(2))), list(map(lambda a, b: a + b, [1, 2], [3, 4]))),
    lambda: (lambda *a, **k: (a, sorted(k.items())))(1, 2, x=3),
    lambda: copy.deepcopy({"a": [1, [2]]}),
    lambda: (1 if [] else 2, [x for x in range(3)][::-1], [[0] * 2 for _ in range(2)], {1, 2} <= {1, 2, 3}),
    lambda: ("Hello"[1:4], "Hello"[-1], "Hello"[::2], "a b".split(" ", 1), "x=1;y=2".split(";"), "%s" % [1, 2]),
    lambda: (float("1e3"), int(" 7 "), float("-inf"), str(True), bool("False"), bool(0.0), int(3.999), int(-3.999)),
    lambda: (2 ** 10, 2 ** -2, (-8) ** (1 / 3) if False else abs(-8) ** (1 / 3), pow(3, 4, 5), 7 / 2, 7.0 // 2),
    lambda: (hash(1) == hash(1.0), id(1) == id(1) or True, type(1.0).__name__, type([]).__name__, type(None).__name__),
    lambda: (isinstance(True, int), isinstance(1, float), callable(len), callable(3)),
    lambda: [*map(str.upper, ["a", "b"])] + list(filter(lambda s: s != "a", "abc")),
    lambda: (round(3.14159, 3), f"{round(2.5)}", format(1234.5678, ",.2f"), format(0.5, ".0%"), format(42, "x")),
]
for i, p in enumerate(probes):
    try:
        print(i, p())
    except Exception as e:
        print(i, type(e).__name__, e)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30))

def logged(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        print(f"calling {fn.__name__} with {args} {kwargs}")
        return fn(*args, **kwargs)
    return inner

@logged
def area(w, h=1):
    return w * h
print(area(3, h=4), area.__name__)

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.t = (major, minor)
    def __eq__(self, o):
        return self.t == o.t
    def __lt__(self, o):
        return self.t < o.t
print(Version(1, 2) <= Version(1, 3), Version(2, 0) > Version(1, 9), max([Version(1, 0), Version(0, 9)]).t)
