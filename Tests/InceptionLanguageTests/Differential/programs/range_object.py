# range is an object of its own: printed as range(0, 5), indexed and sliced as numbers, compared by its numbers
import torch, random, itertools
r = range(2, 10, 3)
print(r, len(r), list(r), r[1], r[-1], r[1:], 5 in r, 6 in r)
print(range(5), list(reversed(range(3))))
print(range(0, 10, 2).index(4), range(10).count(3), range(3) == range(0, 3))
r = range(10)
print(sum(r), max(r), min(r), sorted(r, reverse=True)[:3], list(map(str, range(3))))
print(tuple(range(3)), set(range(3)), dict(zip(range(3), "abc")), list(enumerate(range(5, 8))))
print(torch.tensor(range(5)), torch.tensor([range(2), range(2, 4)]))
random.seed(0)
print(random.sample(range(100), 5), random.choice(range(10, 20)))
x = torch.arange(10.)
print(x[range(2, 5)], x[list(range(3))])
print(range(10)[::-1], range(10)[-3:], range(10)[::3], range(0, 10, 3)[::-2], range(5)[10:], range(3)[-1])
print(range(0) == range(2, 2), range(3) == [0, 1, 2], range(1, 4, 2) == range(1, 5, 2), bool(range(0)), bool(range(1)))
print(len(range(-5, 5, 2)), 3.0 in range(5), 3.5 in range(5), range(3).start, range(3).stop, range(3).step)
print(isinstance(range(3), range), type(range(3)).__name__, str(range(2)), repr(range(1, 2)), f"{range(3)}")
print(list(itertools.product(range(2), repeat=2)), [i * i for i in range(4)], any(range(1)), all(range(1, 3)))
print(torch.zeros(2, 3).sum(dim=tuple(range(2))))
a, b, c = range(3)
print(a, b, c)
print(*range(3), sep="-")
print("%s" % (range(2),), "{}".format(range(4)), range(2) in [range(2)])
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
print(list(zip(*[range(3), range(3, 6)])))
