import math

class ShapeError(Exception):
    def __init__(self, expected, got):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got

def check(shape):
    if len(shape) != 4:
        raise ShapeError(4, len(shape))
    return shape

for s in [(1, 3, 224, 224), (3, 224, 224)]:
    try:
        print("ok", check(s))
    except ShapeError as e:
        print(f"{type(e).__name__}: {e} (expected={e.expected})")
    finally:
        print("checked", s)
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
        return math.nan
    else:
        pass
print(safe_div(1, 0), safe_div(3, 2))
errors = []
for bad in ["3.5x", "", "12"]:
    try:
        errors.append(int(bad))
    except ValueError as e:
        errors.append(str(e))
print(errors)
try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e, repr(e), e.args)
try:
    [1, 2].index(5)
except ValueError as e:
    print(e)
try:
    None + 1
except TypeError as e:
    print(e)
try:
    raise RuntimeError("outer") from ValueError("inner")
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
    def __eq__(self, other):
        return isinstance(other, Counter) and self.id == other.id
    def __lt__(self, other):
        return self.id < other.id
cs = [Counter() for _ in range(3)]
print(Counter.count, sorted(cs, reverse=True)[0].id, cs[0] == cs[0], cs[0] == cs[1], cs[0] != 5)
def gen_lr(base, n):
    for i in range(n):
        yield base * 0.5 ** i
print(list(gen_lr(0.1, 4)), sum(gen_lr(1, 3)))
x = 5
result = "big" if x > 3 else "small"
print(result, all(v > 0 for v in [1, 2]), any([]), [*range(3), *"ab"], {**{"a": 1}, "b": 2})
w = 0
while True:
    w += 1
    if w == 3:
        continue
    if w > 5:
        break
print(w, f"{w!r:>4}|{'s'!s}|{3.0!r}", "{:>6.2f}|{:<4}|{:^7}|".format(3.14159, "ab", "mid"))
print(sorted(["conv10", "conv2", "Conv1"], key=str.lower), sorted([3, 1, 2], reverse=True), list(reversed("abc")))
print(math.gcd(12, 18), math.factorial(5), math.comb(5, 2), math.degrees(math.pi), math.hypot(3, 4), math.exp(1), math.log2(8), math.log10(1000), math.trunc(-3.7))
