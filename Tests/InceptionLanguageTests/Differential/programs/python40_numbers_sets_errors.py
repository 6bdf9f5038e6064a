# numbers (round half-even, floor division and modulo signs, float repr), sets, comprehensions, exceptions
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(125, -1), round(135, -1), round(1234.5678, 2), round(1234.5678, -2), round(2.675, 2))
print(round(15, -1), round(25, -1), round(-25, -1), type(round(2.5)), type(round(2.5, 0)), round(2.5, 0))
print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(-7.5, 2), divmod(7, -2.5))
inf = float("inf"); nan = float("nan")
print(inf + 1, inf - inf, inf * 0, -inf, inf > 1e308, nan == nan, nan != nan, inf == inf)
print(-0.0, 0.0 * -1, repr(-0.0), str(-0.0), abs(-0.0), -0.0 == 0.0)
print(0.1 + 0.2, 1e16, 1e-5, 1e15, 123456789012345678.0, 1.0e-4, 0.0001, 1e22, 1e-7, 2.5e-10)
print(1/3, 2/3, 10/3, 100.0, 1e300*1e10, 3.0*1.1, 0.1*3)
print(repr(1.1), str(1.1), 1.0, float(10), float("1e3"), float(" 2.5 "), float("-inf"), float("nan"))
print(int("42"), int(" -7 "), int("0x1f", 16), int("ff", 16), int("1010", 2), int("0b11", 0), int("1_000"))
print(int(3.9), int(-3.9), int(True), float(True), int("077", 8))
try:
    int("3.5")
except Exception as e:
    print(type(e).__name__, e)
try:
    float("abc")
except Exception as e:
    print(type(e).__name__, e)
try:
    1 / 0
except Exception as e:
    print(type(e).__name__, e)
try:
    1 // 0
except Exception as e:
    print(type(e).__name__, e)
try:
    1 % 0
except Exception as e:
    print(type(e).__name__, e)
try:
    1.0 / 0
except Exception as e:
    print(type(e).__name__, e)
try:
    1.0 // 0.0
except Exception as e:
    print(type(e).__name__, e)
try:
    divmod(1, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    int(float("inf"))
except Exception as e:
    print(type(e).__name__, e)
try:
    int(float("nan"))
except Exception as e:
    print(type(e).__name__, e)
print(2 ** -1, (-2) ** 3, (-8) ** (1/3) if False else 0, pow(2, 10, 1000), pow(3, -1, 7))
print(2 ** 0.5, 4 ** 0.5, 0 ** 0, 0.0 ** 0)
print(-(2 ** 62))
print(abs(-5), abs(-5.5), -5 // 1, 5 / 1, type(5 / 1))
print(True + True, True * 3, False - 1, sum([True, True, False]), True / 2, -True, ~True)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -1 >> 1, -16 >> 2, -5 & 0xff)
print(bin(-5), hex(-255), oct(-8), bin(0), hex(0), (255).bit_length(), (-255).bit_length(), (10).bit_count() if hasattr(int, "bit_count") else 2)
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, True, None is None, 3 > 2 == 2)
print((2.5).is_integer(), (0.5).as_integer_ratio(), (10).real, (3).imag if False else 0)
print(max(1, 2.0), min(2, 1.0), max([3, 1, 2]), min("abc"), max([1, 5, 2], key=lambda v: -v))
print(max([], default=0), min([], default="none"), max([(1, "b"), (1, "a")]), min([[2], [1, 5]]))
try:
    max([])
except Exception as e:
    print(type(e).__name__, e)
try:
    min()
except Exception as e:
    print(type(e).__name__, e)
try:
    max(1)
except Exception as e:
    print(type(e).__name__, e)
print(hash(1) == hash(1.0), 1e400, -1e400, 5e-324, 1.7976931348623157e308)
print(0.1 + 0.7, 1.1 + 2.2, 3.3 * 3, 1e16 + 1, 2 ** 53 + 1.0, 1/7)
print(round(1e16), round(0.1 + 0.2, 15), round(-2.5), round(3.14159, 3), round(1.005, 2), round(5))
print(round(float("inf")) if False else "skip", round(7, 2), round(7.0, None))
print({3, 1, 2}, {10, 20, 5, 15}, {-1, -2, 0}, {100, 1, 33, 65}, {1.5, 0.5, 2.0}, {True, 0, 2})
s = set(range(20, 0, -3)); print(s, sorted(s), len(s))
print({x * 7 % 11 for x in range(11)}, set([8, 16, 0, 24]), {32, 64, 1, 2})
fs = frozenset({3, 1}); print(fs, fs | {5}, type(fs | {5}).__name__, {5} | fs, type({5} | fs).__name__, hash(fs) == hash(frozenset([1, 3])))
a = {1, 2, 3}; b = {2, 3, 4}
print(a - b, b - a, a ^ b, a & b, a | b, a <= b, a < a, a >= {1}, a.difference(b, {1}), a.symmetric_difference(b))
a2 = set(a); a2 -= {1}; a2 |= {9}; a2 &= {2, 9}; a2 ^= {7}; print(a2)
a3 = {1, 2}; a3.update([3], (4,)); a3.difference_update({1}); a3.intersection_update({2, 3, 4, 5}); print(a3, a3.copy(), a3.pop(), a3)
print(set("hello") == set("ohel"), {1, 2} == frozenset({1, 2}), {(1, 2), (1, 2)}, {None, None}, set([1, 1.0, True]))
print(sorted({"b", "a", "c"}), len({"x", "y"}), "x" in {"x"}, {1: 2}.keys() & {1, 3}, {1: 2}.keys() | {5})
print({1, 2, 3} - {2}, set().union(*[{1}, {2, 3}]), set.union(*[{1}, {5}]) if False else "", max({3, 7, 1}), sum({1, 2, 3}))
print({0, 8, 16, 24, 32, 40, 48, 56, 64}, {1, 9, 17}, set(range(10)) - {5})
print({-5, 5, -1}, {2**40, 1, 2**33}, {7, 3, 11, 5, 2})
# comprehensions and scoping
print([x * y for x in range(3) for y in range(3) if x != y], {k: v for k, v in zip("ab", [1, 2])}, {x % 3 for x in range(10)})
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*matrix)], [[row[i] for row in matrix] for i in range(3)], sum(matrix, []))
print([y for x in [[1, 2], [3]] for y in x], [(i, j) for i in range(2) for j in range(i)])
x = "outer"; [x for x in range(3)]; print(x)
print([i if i % 2 else -i for i in range(5)], [n for n in range(20) if n % 2 if n % 3])
print((lambda: [z for z in range(2)])(), any(c.isupper() for c in "abC"))
if (n := 10) > 5: print("walrus", n)
data = [1, 2, 3, 4]
print([y for v in data if (y := v * 2) > 4], y)
# while/else, for/else, break/continue
for i in range(3):
    if i == 5: break
else:
    print("for-else ran")
i = 0
while i < 3:
    i += 1
    if i == 2: break
else:
    print("not here")
print("i =", i)
# match statement
# conditional expressions & chained
a = 5
print("big" if a > 3 else "small", 1 < a < 10, a == 5 == 5.0, not a > 3, a > 3 and a < 10 or None)
# global counters in loops, augmented assigns
t = (1, 2); t += (3,); print(t)
s = "ab"; s *= 2; print(s)
l = [1]; l2 = l; l += [2]; print(l2, l is l2)
l3 = [1]; l4 = l3; l3 = l3 + [2]; print(l4)
d = {"a": 1}; d["a"] += 5; print(d)
v = 10; v //= 3; v **= 2; v %= 5; v <<= 2; v |= 1; v ^= 3; v &= 7; v >>= 1; print(v)
f = 7.0; f /= 2; f -= 0.5; print(f)
# del
lst = [1, 2, 3]; del lst[0]; print(lst)
dd = {"a": 1, "b": 2}; del dd["a"]; print(dd)
q = 5; del q
try:
    print(q)
except NameError as e:
    print(e)
# string multiplication / comparison tricks
print("-" * 20, "=" * 0 + "|", "ab" * -1 + "|")
# sorted stability and multiple keys
people = [("alice", 30), ("bob", 25), ("carol", 30), ("dave", 25)]
print(sorted(people, key=lambda p: (-p[1], p[0])), sorted(people, key=lambda p: p[1], reverse=True))
print(sorted([3, 1, 2], key=None), sorted(["b10", "a2", "b2"], key=lambda s: (s[0], int(s[1:]))))
print(sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]), sorted([[2, 1], [1, 2], [1]]), sorted([True, False, 0, 1]))
print(list(reversed(sorted([1, 3, 2]))), sorted("Hello World".split(), key=str.lower))
print(sorted([0.5, -1, 3, 2.5]), sorted([-0.0, 0.0, -0.0]), sorted([float("inf"), 1, -float("inf")]))
# int/str conversions
print(int("  12  "), str(12).zfill(4), "%03d" % 7, f"{7:03d}", f"{7:>3}", hex(255)[2:].upper(), int("-0"), int("+5"))
print(format(1e-10, ".2e"), format(123.456, ".1f"), format(0.5, ".0%"), format(1/3, ".4g"), format(1234567.0, ".3e"))
print(f"{1e10:.0f}", f"{2**31:,}", f"{-2**31:_}", f"{255:08b}", f"{3.0:.0e}", f"{0.000123456:.3g}", f"{123456789:.3g}")
print(f"{'left':<10}|{'right':>10}|{'mid':^10}|", f"{42:^7d}|", f"{-42:<6}|", f"{3.5:=+8.2f}")
print(f"{12.5:08.2f}", f"{-12.5:08.2f}", f"{0.1+0.2!r}", f"{1e-7}", f"{1e21}", f"{123.0}", f"{1.5e300*1e10}")
def f():
    try:
        return 1
    finally:
        print("finally runs")
print(f())
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(3):
        try:
            continue
        finally:
            print("fin", i)
    return "done"
print(h())
def k():
    try:
        raise ValueError("x")
    except ValueError:
        return "from except"
    finally:
        print("k finally")
print(k())
try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during")
except ValueError as e:
    print(type(e.__context__).__name__, e.__cause__)
try:
    raise ValueError("no cause") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__)
e = ValueError("a", 1)
print(e.args, str(e), repr(e), str(ValueError()), repr(ValueError()), str(ValueError("solo")), repr(ValueError("solo")))
print(str(KeyError("k")), repr(KeyError("k")), str(KeyError()), str(IndexError("i")), repr(TypeError("t", "u")))
class MyErr(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
class Pretty(Exception):
    def __str__(self):
        return "pretty!"
try:
    raise MyErr(5)
except MyErr as e:
    print(type(e).__name__, e, e.code, e.args, repr(e))
try:
    raise Pretty("x")
except Exception as e:
    print(e, repr(e), e.args)
class Bare(Exception): pass
try:
    raise Bare
except Bare as e:
    print(repr(e), str(e) == "", e.args)
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
try:
    assert [], f"empty {len([])}"
except AssertionError as e:
    print(e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e))
class Sub(ValueError): pass
try:
    raise Sub("s")
except ValueError as e:
    print("caught sub as", type(e).__name__, isinstance(e, ValueError), isinstance(e, Exception), issubclass(Sub, ValueError))
try:
    try:
        raise TypeError("t")
    except (ValueError, TypeError) as e:
        print("tuple catch", e)
        raise
except TypeError as e:
    print("reraised", e)
def gen_err():
    try:
        yield 1
        raise StopIteration
    except Exception as e:
        print("inner", type(e).__name__)
try:
    x = undefined_name
except NameError as e:
    print(type(e).__name__, e)
try:
    None.foo
except AttributeError as e:
    print(type(e).__name__, e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    [1, 2] + (3,)
except TypeError as e:
    print(e)
try:
    {}["a"]
except LookupError as e:
    print(type(e).__name__, e)
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    hash([1])
except TypeError as e:
    print(e)
try:
    int(None)
except TypeError as e:
    print(e)
try:
    float([1])
except TypeError as e:
    print(e)
try:
    1 < "a"
except TypeError as e:
    print(e)
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    None()
except TypeError as e:
    print(e)
try:
    5()
except TypeError as e:
    print(e)
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    raise Exception("multi", "args")
except Exception as e:
    print(e)
err = None
try:
    raise ValueError("kept")
except ValueError as e:
    err = e
print(err, type(err))
try:
    raise NotImplementedError("todo")
except RuntimeError as e:
    print("NotImplementedError is RuntimeError:", e)
try:
    import nonexistent_mod_xyz
except ImportError as e:
    print(type(e).__name__, e)
def finally_order():
    out = []
    try:
        try:
            out.append("try")
            raise ValueError
        finally:
            out.append("inner finally")
    except ValueError:
        out.append("except")
    else:
        out.append("else")
    finally:
        out.append("outer finally")
    return out
print(finally_order())
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
print(isinstance(KeyError(), LookupError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(bool, int))
print(ValueError.__name__, type(ValueError("x")).__name__, ValueError("x").__class__.__name__)
