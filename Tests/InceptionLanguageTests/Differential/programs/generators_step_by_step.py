# Generator functions run a step at a time, as Python's: prints interleave with the consumer's,
# never-ending generators are stepped, and enumerate/zip/map/filter/islice/genexprs over one stay lazy.
def gen(n):
    print("start")
    for i in range(n):
        print("yield", i)
        yield i
    print("end")

for x in gen(3):
    print("got", x)

g = gen(2)
print("made")
print(next(g))
print(next(g))
print(next(g, "done"))
print(list(gen(2)))

def forever():
    i = 0
    while True:
        yield i
        i += 1

it = forever()
for step in range(5):
    print(next(it), end=" ")
print()
for v in forever():
    if v > 3:
        break
    print("v", v)

def with_if(xs):
    for x in xs:
        if x % 2:
            yield x
        elif x == 4:
            continue
        else:
            yield -x
        if x > 6:
            return
    yield "tail"
print(list(with_if(range(10))))
print(list(with_if(range(4))))

def delegating():
    yield from gen(2)
    yield from [10, 20]
print([x for x in delegating()])

def outer():
    for x in gen(2):
        yield x * 100
for y in outer():
    print("outer got", y)

counter = {"n": 0}
def reads_state():
    for _ in range(3):
        yield counter["n"]
for v in reads_state():
    counter["n"] += 10
    print("state", v)

def boom():
    yield 1
    raise ValueError("bad")
try:
    for v in boom():
        print("boom", v)
except ValueError as e:
    print("caught", e)
print(sum(x for x in gen(3)))
print(sorted(gen(3), reverse=True))
for i, v in enumerate(gen(2)):
    print(i, v)
for a, b in zip(gen(2), "ab"):
    print(a, b)
print(type(gen(1)).__name__)
g = gen(1)
print(iter(g) is g)

import torch
def gen(n):
    for i in range(n):
        print("make", i)
        yield i

g = gen(3)
print(g.__class__.__name__ if hasattr(g, "__class__") else "gen")
try:
    len(gen(2))
except TypeError as e:
    print("TypeError:", e)
print(2 in gen(5))
print(any(x > 0 for x in gen(3)))
print(max(gen(3)), min(gen(2)))
a, b = gen(2)
print(a, b)
first, *rest = gen(3)
print(first, rest)
g = gen(3)
print(list(g), list(g))

def reentrant():
    yield next(me)
me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            print("sq", i)
            yield i * i
for v in Squares(3):
    print("v", v)
print(list(Squares(2)))

class Stream(torch.utils.data.IterableDataset):
    def __iter__(self):
        for i in range(4):
            yield torch.tensor([float(i)])
for batch in torch.utils.data.DataLoader(Stream(), batch_size=2):
    print(batch.shape, batch.flatten().tolist())

def batches(data, size):
    for start in range(0, len(data), size):
        yield data[start:start + size]
x = torch.arange(10.)
for b in batches(x, 4):
    print(b)
print(torch.stack(list(gen(2))) if False else torch.tensor(list(gen(2))))
print(torch.cat([t for t in batches(x, 3)]))

def nested():
    for i in range(2):
        for j in range(3):
            if j == 1:
                continue
            if i == 1 and j == 2:
                break
            yield (i, j)
        else:
            pass
    yield "done"
print(list(nested()))

def early_return(n):
    for i in range(n):
        if i == 2:
            return "stop"
        yield i
print(list(early_return(5)))

def bad_name():
    yield 1
    yield undefined_name
try:
    for v in bad_name():
        print("got", v)
except NameError as e:
    print("NameError:", e)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)))
print([x for _, x in zip(range(6), fib())])
for i, f in enumerate(fib()):
    if i >= 5:
        break
    print(i, f)
print(next(filter(lambda v: v > 50, fib())))
print(list(map(lambda a, b: a * b, gen(3), [10, 20, 30])))
print(sum(gen(4)), sorted(gen(3), reverse=True))
print(dict(zip("abc", gen(3))))
print(tuple(gen(2)), set(gen(2)))
print(", ".join(str(v) for v in gen(2)))
print(", ".join(map(str, gen(2))))

# a class's __next__ is called once a step too
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        print("next", self.n)
        self.n -= 1
        return self.n + 1

for v in Countdown(3):
    print("got", v)
print(list(Countdown(2)))

class Endless:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        return self.i

for v in Endless():
    if v > 3:
        break
    print("endless", v)

class Pairs:
    def __iter__(self):
        return iter([(1, "a"), (2, "b")])
for n, s in Pairs():
    print(n, s)

class Loader:
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        return LoaderIter(self.data)
class LoaderIter:
    def __init__(self, data):
        self.data, self.i = data, 0
    def __next__(self):
        if self.i >= len(self.data):
            raise StopIteration()
        self.i += 1
        print("load", self.i)
        return self.data[self.i - 1]
for x in Loader([5, 6]):
    print("x", x)

class Bad:
    def __iter__(self):
        return self
try:
    for v in Bad():
        pass
except TypeError as e:
    print("TypeError:", e)

# itertools' endless iterators, stepped
import itertools
from itertools import count, cycle, repeat, islice
print(list(zip(count(), "abc")))
print(list(zip(count(10, 5), "ab")), list(islice(count(2.5, 0.5), 4)))
c = count(start=3, step=-1)
print(next(c), next(c), next(c))
cy = cycle([1, 2, 3])
print([next(cy) for _ in range(7)])
print(list(islice(cycle("ab"), 5)))
print(list(zip(repeat("x"), range(3))))
print(list(map(pow, range(4), repeat(2))))
for i, v in zip(count(1), cycle(["on", "off"])):
    if i > 4:
        break
    print(i, v)
print(list(cycle([])))
def batches():
    yield from [1, 2]
it = cycle(batches())
print([next(it) for _ in range(5)])
