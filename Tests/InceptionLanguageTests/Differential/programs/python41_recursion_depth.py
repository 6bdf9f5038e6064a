# Deep recursion: Python's limit of 1000 nested calls, not the machine stack, stops a program;
# past it a catchable RecursionError, whichever way the calls nest.
import sys
import torch


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print("900 deep:", depth(900))
print("limit:", sys.getrecursionlimit())
for n in (990, 1100, 5000):
    try:
        print(n, depth(n))
    except RecursionError as e:
        print(n, "RecursionError:", e)


def endless(n):
    return endless(n + 1)


try:
    endless(0)
except RecursionError as e:
    print("endless:", type(e).__name__, e)


class Lookup:
    def __getattr__(self, name):
        return self.missing


try:
    Lookup().x
except RecursionError as e:
    print("__getattr__:", e)


class Same:
    def __eq__(self, other):
        return self == other


try:
    Same() == Same()
except RecursionError as e:
    print("__eq__:", e)


class Sized:
    def __len__(self):
        return len(self)


try:
    len(Sized())
except RecursionError as e:
    print("__len__:", e)


def countdown(n):
    if n > 0:
        yield from countdown(n - 1)
    yield n


print("generator 300 deep:", sum(countdown(300)))


def nest(n):
    return [nest(n - 1) for _ in range(1)] if n else []


print("comprehension 200 deep:", len(str(nest(200))))


def tree_sum(t):
    return t if isinstance(t, int) else sum(tree_sum(c) for c in t)


deep = 1
for _ in range(150):
    deep = [deep, [1]]
print("tree of 150 levels:", tree_sum(deep))

# a tensor through a deep recursion of modules' calls
layer = torch.nn.Linear(3, 3)


def apply(x, n):
    return x if n == 0 else apply(torch.tanh(layer(x)), n - 1)


print(apply(torch.ones(1, 3), 700).shape)
sys.setrecursionlimit(3000)
print("3000 limit, 2500 deep:", depth(2500))
try:
    depth(3500)
except RecursionError as e:
    print("3500:", e)
sys.setrecursionlimit(1000)
print("after the error, the stack is whole:", depth(500))
