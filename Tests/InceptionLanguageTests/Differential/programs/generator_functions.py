# Generator functions: yield, bare yield, yield from, return ending one early, a method that
# yields, and the batches idiom. (Here a generator runs to its end when called, so it must end.)
import torch
import torch.nn as nn


def squares(n):
    for i in range(n):
        yield i * i


def batches(x, size):
    for i in range(0, len(x), size):
        yield x[i:i + size]
    yield from [torch.zeros(1)]


def pairs():
    yield 1, "a"
    yield
    return
    yield 5


print(list(squares(4)), sum(squares(4)), next(iter(squares(2))), max(squares(5)))
for b in batches(torch.arange(7.), 3):
    print(b)
g = pairs()
print(next(g), next(g), next(g, "end"))


class Chain(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = nn.Linear(2, 2)

    def stages(self):
        yield self.a
        yield self.b

    def forward(self, x):
        for stage in self.stages():
            x = stage(x)
        return x


torch.manual_seed(0)
chain = Chain()
print([type(s).__name__ for s in chain.stages()], chain(torch.ones(1, 2)))
yield_count = 3
print(yield_count, dict(enumerate(squares(3))))
