# A class's own __repr__, __str__ and comparisons (__eq__, __lt__, __gt__, …) in print, repr,
# f-strings, ==, !=, <, sorted, max, and Python's reflection (b < a asks a.__gt__).
import torch
import torch.nn as nn


class P:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"P({self.v})"

    def __eq__(self, other):
        return self.v == other.v

    def __lt__(self, other):
        return self.v < other.v


class Run:
    def __init__(self, name, acc):
        self.name, self.acc = name, acc

    def __str__(self):
        return f"{self.name}: {self.acc:.1%}"

    def __repr__(self):
        return f"Run({self.name!r})"


class Score(nn.Module):
    def __init__(self, acc):
        super().__init__()
        self.acc = acc

    def __gt__(self, other):
        return self.acc > other.acc


print(P(1), [P(2), P(1)], sorted([P(3), P(1), P(2)]), max([P(3), P(5)]), min(P(4), P(2)))
print(P(1) == P(1), P(1) != P(2), P(2) > P(1), P(1) == P(2))
runs = [Run("aux", 0.912), Run("no-aux", 0.9)]
print(runs[0], runs, f"{runs[1]} / {runs[1]!r}", str(runs[0]), repr(runs[0]))
a, b = Score(0.9), Score(0.8)
print(a > b, b < a, a is b)
