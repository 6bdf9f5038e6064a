import torch
best = 0
def update(v):
    global best
    if v > best:
        best = v
for v in [3, 1, 7, 2]:
    update(v)
print(best)
def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    bump(); bump()
    return bump()
print(counter())
try:
    x = torch.zeros(2, 3) @ torch.zeros(2, 3)
except RuntimeError as e:
    print("error:", type(e).__name__)
try:
    {"a": 1}["b"]
except LookupError as e:
    print("lookup:", type(e).__name__, e)
try:
    raise ValueError("bad value", 3)
except (TypeError, ValueError) as e:
    print(repr(e), e.args, str(e))
else:
    print("no")
finally:
    print("finally ran")
def f():
    try:
        return "body"
    finally:
        print("cleanup")
print(f())
try:
    try:
        raise KeyError("k")
    except KeyError:
        print("inner")
        raise
except Exception as e:
    print("outer", type(e).__name__)
try:
    1 / 0
except ZeroDivisionError:
    print("div")
try:
    pass
except Exception:
    print("never")
else:
    print("else ran")
d = {"a": 1, "b": 2}
del d["a"]
print(d)
xs = [1, 2, 3]
del xs[-1]
print(xs)
y = 5
del y
a, *rest = [1, 2, 3, 4]
print(a, rest)
*init, last = (1, 2, 3)
print(init, last)
first, *mid, end = "abcd"
print(first, mid, end)
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(2, 2)
    def forward(self, x):
        if x.dim() != 2:
            raise ValueError(f"expected 2-D input, got {x.dim()}-D")
        return self.fc(x)
try:
    Net()(torch.zeros(3))
except ValueError as e:
    print("caught:", e)
for i in range(3):
    try:
        if i == 1:
            continue
        print("i", i)
    finally:
        print("f", i)
try:
    raise KeyError("b")
except KeyError as e:
    print(e, repr(e))
try:
    {}["c"]
except KeyError as e:
    print(e)
e = ValueError("m")
print(isinstance(e, Exception), isinstance(e, KeyError))
def f(n):
    try:
        return f(n + 1)
    except RecursionError:
        return n
print(f(0) > 10)
