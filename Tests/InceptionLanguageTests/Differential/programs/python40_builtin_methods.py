# methods taken from their type (str.strip, set.union, float.is_integer), index(x, start, stop),
# keyword-only sort keys, builtin type names, qualified names, and library odds and ends
import collections, functools, math, operator, string, sys
print(list(map(str.upper, ["a", "b"])), sorted(["B", "a", "C"], key=str.lower), list(filter(str.isdigit, ["1", "x", "22"])))
print(set.union(*[{1}, {5}, {3}]), set.intersection(*[{1, 2, 3}, {2, 3}, {3, 2, 9}]), list(map(dict.items, [{"a": 1}])))
print(float.is_integer(2.0), float.is_integer(2.5), int.bit_length(255), dict.get({"a": 1}, "a"), list.count([1, 1, 2], 1), tuple.index((5, 6), 6))
acc = []
list.append(acc, 3)
list.extend(acc, [4, 5])
print(acc, dict.fromkeys("ab", 0), str.join("-", ["x", "y"]))
for bad in [lambda: float.is_integer(2), lambda: str.upper(5), lambda: set.union(), lambda: list.append((1,), 2)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
print([1, 2, 1, 2].index(2, 2), [1, 2, 3].index(3, -1), [1, 2, 1].index(1, 0, 1), (1, 2, 3, 2).index(2, 2), collections.deque([1, 2, 1]).index(1, 1))
for bad in [lambda: [1, 2, 3].index(2, 2), lambda: [1, 2, 1].index(1, 1, 2), lambda: (1, 2).index(1, 1), lambda: collections.deque([1]).index(1, 1)]:
    try:
        bad()
    except ValueError as e:
        print(type(e).__name__, e)
print("" in "abc", "" in "", "" not in "x", "abc".find(""), "abc".count(""))
xs = [3, 1, 2]
xs.sort(key=lambda v: -v)
print(xs, sorted("bca", reverse=True), sorted([3, 1], key=None))
for bad in [lambda: sorted([1, 2], len), lambda: [3, 2].sort(len), lambda: sorted()]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
print(type(len).__name__, type([].append).__name__, type(int).__name__, type(ValueError).__name__, isinstance(int, type), isinstance(len, type))
for bad in [lambda: len[0], lambda: len + 1, lambda: float(print), lambda: getattr(1, 5), lambda: setattr(acc, 2, 1), lambda: hasattr(1, None)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
c = collections.Counter(a=3, b=-1, c=0)
print(+c, -c, c)
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print(type(e).__name__, e)
print(functools.reduce(operator.add, [], 7))
print(math.frexp(8.0), math.frexp(-0.3), math.frexp(0.0), math.frexp(1e-310)[1], math.ldexp(0.5, 4), math.ldexp(3, -2), math.ldexp(-1.5, 3))
try:
    math.ldexp(1.0, 5000)
except OverflowError as e:
    print(type(e).__name__, e)
print(string.capwords("hello   world  foo"), string.capwords("a-b c-d", "-"), string.capwords(" x y "))

def outer():
    def inner(a):
        return a
    return inner
class K:
    def m(self, a):
        pass
    class Inner:
        def n(self):
            pass
square = lambda v: v * v
print(outer.__qualname__, outer().__qualname__, K.m.__qualname__, K.Inner.__qualname__, K.Inner.n.__qualname__, square.__qualname__)
print(K.Inner, K.Inner.__name__, type(K.Inner()).__name__)
for bad in [lambda: outer()(), lambda: K.Inner().n(1), lambda: K().m(), lambda: square(1, 2), lambda: (lambda: (lambda q: q)())()]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)

print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(120))
sys.setrecursionlimit(60)
print(sys.getrecursionlimit())
try:
    depth(100)
except RecursionError as e:
    print(type(e).__name__, e)
print(depth(40))
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(type(e).__name__, e)

# attributes set on a function, as Python's function __dict__
def memo(fn):
    cache = {}
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        inner.calls += 1
        return cache[n]
    inner.cache = cache
    inner.calls = 0
    return inner
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), len(fib.cache), fib.calls, hasattr(fib, "cache"), getattr(fib, "missing", "none"))
def tagged():
    pass
tagged.tag = "x"
setattr(tagged, "level", 2)
print(tagged.tag, tagged.level, tagged.__name__)
class Holder:
    def method(self):
        pass
try:
    Holder().method.extra = 1
except AttributeError as e:
    print(type(e).__name__, e)
print("%#.3g|%#g|%#.0f|%#.2e|%#x|%#o" % (1.0, 2.0, 3, 5.0, 255, 8), "%.3g|%g" % (1.0, 2.0))
