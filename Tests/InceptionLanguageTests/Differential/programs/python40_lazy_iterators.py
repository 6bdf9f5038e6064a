# map/filter run their function as items are taken; iter(callable, sentinel); itertools made
# an item at a time (so a generator that never ends can feed takewhile, accumulate, chain, ...)
import itertools
calls = []
def t(v):
    calls.append(v)
    return v
m = map(t, [1, 2, 3])
print(calls)
print(next(m), calls)
print(list(m), calls, list(m))
calls.clear()
f = filter(t, [0, 4, 0, 5])
print(calls, next(f), calls, list(f))
print(list(map(pow, [2, 3], [3, 2, 9])), list(filter(None, [0, "", "a", [], [0]])), type(map(str, [])).__name__)
print(list(map(lambda a, b: a + b, range(3), itertools.count(10))))

vals = iter([3, 1, 4, 0, 5, 9])
print(list(iter(lambda: next(vals), 0)), list(vals))
lines = ["a", "b", "", "c"]
pos = [0]
def read():
    pos[0] += 1
    return lines[pos[0] - 1]
for line in iter(read, ""):
    print("line", line)
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)

def naturals():
    n = 0
    while True:
        yield n
        n += 1
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(itertools.takewhile(lambda v: v < 100, fib())))
print(list(itertools.islice(itertools.dropwhile(lambda v: v < 5, naturals()), 3)))
print(list(itertools.islice(itertools.filterfalse(lambda v: v % 3, naturals()), 4)))
print(list(itertools.islice(itertools.accumulate(naturals()), 6)), list(itertools.accumulate([1, 2, 3], initial=100)))
print(list(itertools.accumulate([])), list(itertools.accumulate([], initial=5)), list(itertools.accumulate([3, 1, 4, 1, 5], max)))
print(list(itertools.islice(itertools.chain([1, 2], naturals()), 5)), list(itertools.chain.from_iterable(["ab", [1], ()])))
print(list(itertools.islice(itertools.chain.from_iterable(itertools.repeat("xy")), 5)))
print(list(itertools.islice(itertools.starmap(pow, zip(naturals(), itertools.repeat(2))), 5)))
print(list(itertools.compress(naturals(), [1, 0, 1, 1])), list(itertools.compress("abcdef", itertools.cycle([1, 0]))))
print(list(itertools.pairwise("abcd")), list(itertools.pairwise([1])), list(itertools.islice(itertools.pairwise(fib()), 4)))
a, b = itertools.tee([1, 2, 3])
print(list(a), list(b), len(itertools.tee("xy", 3)), [list(x) for x in itertools.tee(range(2), 2)])
seen = []
def noisy(v):
    seen.append(v)
    return v < 3
tw = itertools.takewhile(noisy, [1, 2, 3, 4, 1])
print(seen, list(tw), seen)
print(next(x for x in naturals() if x * x > 50), sum(itertools.islice(fib(), 10)))
