import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
p = next(model.parameters())
print(p.shape, next(model.parameters()).device)
g = model.parameters()
print(next(g).shape, next(g).shape, len(list(g)))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
print(type(model.parameters()).__name__, sum(p.numel() for p in model.parameters()))
print([name for name, _ in model.named_children()], len(list(model.modules())))
x = 3
name = "conv1"
print(f"{x=}", f"{name=}", f"{x = }", f"{x=:>4}", f"{x == 3}", f"{name!r}", f"{name!s:>6}", f"{x=!r}")
def main():
    print("main ran", __name__)
if __name__ == "__main__":
    main()
@torch.no_grad()
def evaluate(m):
    return m(torch.ones(1, 2)).requires_grad
print(evaluate(model), model(torch.ones(1, 2)).requires_grad)
@torch.no_grad
def evaluate2(m):
    return m(torch.ones(1, 2)).requires_grad
print(evaluate2(model), evaluate.__name__ if hasattr(evaluate, "__name__") else "")
def twice(f):
    def wrapper(v):
        return f(f(v))
    return wrapper
@twice
def inc(v):
    return v + 1
print(inc(1))
print(sum(x * x for x in range(4)), list(x for x in "ab"), max(len(n) for n in ["a", "abc"]))
@torch.no_grad()
def double(v):
    return v * 2
def plain():
    pass
print(double(torch.ones(1, requires_grad=True)).requires_grad, double.__name__, plain.__name__)
