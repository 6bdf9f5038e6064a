# functools.lru_cache / wraps, dict.fromkeys / popitem, str's unbound methods, int(s, base),
# round of an int, the methods of numbers and more of math, as a training script's helpers use them.
import math
from functools import lru_cache, wraps, cache

@lru_cache(maxsize=None)
def receptive_field(depth):
    return 1 if depth == 0 else receptive_field(depth - 1) + 2

@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(receptive_field(40), fib(60), fib.cache_info(), receptive_field.__name__)

def logged(f):
    @wraps(f)
    def inner(*args, **kwargs):
        print("calling", f.__name__)
        return f(*args, **kwargs)
    return inner

@logged
def conv_out(size, kernel, stride=1, padding=0):
    return (size + 2 * padding - kernel) // stride + 1

print(conv_out(224, 7, stride=2, padding=3), conv_out.__name__)
stages = dict.fromkeys(["conv1", "conv2", "inception3a"], 0)
stages["conv1"] = 9472
print(stages, stages.popitem(), stages)
print(list(map(str.upper, ["relu", "pool"])), list(map(str.strip, [" a ", "b\n"])), str.join("-", ["x", "y"]))
print(int("ff", 16), int("0b101", 0), int("0o17", 0), int("-0x1F", 16), int(" 1_000 "), int("z", 36))
for bad in ["12a", "0x", "1__0"]:
    try:
        int(bad, 0)
    except ValueError as e:
        print("ValueError:", e)
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 2), round(2.675, 2), round(0.5))
print((10).bit_length(), (255).bit_count(), (2.0).is_integer(), (2.5).is_integer(), (0.75).as_integer_ratio(), (-1.5).as_integer_ratio())
print((3).real, (3).imag, (2.5).real, (4).numerator, (4).denominator, (7).conjugate())
print(math.isqrt(17), math.isqrt(16), math.lgamma(5.5), math.gamma(5), math.fmod(-7, 3), math.modf(-2.75), math.cbrt(27), math.exp2(10), math.dist((0, 0), (3, 4)))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1.0]))
a = [1, 2]
b = a
print(id(a) == id(b), id(a) == id([1, 2]))
