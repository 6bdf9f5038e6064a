import torch
import torch.nn as nn
def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {str(e).splitlines()[0]}")
def backward_twice():
    x = torch.ones(2, requires_grad=True)
    y = (x.exp()).sum(); y.backward(); y.backward()
attempt("twice", backward_twice)
def leaf_inplace():
    w = torch.ones(3, requires_grad=True); w += 1
attempt("leaf", leaf_inplace)
attempt("linear", lambda: nn.Linear(4, 2)(torch.randn(3, 5)))
attempt("ce float target", lambda: nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([1.0, 2.0, 0.0])))
attempt("ce int logits", lambda: nn.functional.cross_entropy(torch.tensor([[1, 2]]), torch.tensor([0])))
attempt("nonscalar backward", lambda: (torch.ones(2, requires_grad=True) * 2).backward())
attempt("item", lambda: torch.ones(2).item())
attempt("matmul", lambda: torch.ones(2, 3) @ torch.ones(2, 3))
attempt("view", lambda: torch.arange(6).view(4, 2))
attempt("cat", lambda: torch.cat([torch.ones(2, 3), torch.ones(2, 4)]))
attempt("mse shape", lambda: nn.MSELoss()(torch.ones(2, 3), torch.ones(2, 3)).item())
attempt("index", lambda: torch.arange(3)[5])
attempt("no grad leaf", lambda: torch.ones(2).sum().backward())
