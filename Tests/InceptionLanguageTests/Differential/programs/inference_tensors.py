# Inference tensors: what torch.inference_mode() makes, and what autograd refuses of them
import torch
import torch.nn as nn

x = torch.ones(2, requires_grad=True)
with torch.inference_mode():
    y = x * 2
    z = torch.zeros(2)
    view = x[0]
    print(y.is_inference(), z.is_inference(), x.is_inference(), view.is_inference(), y.requires_grad)
    print(torch.is_inference_mode_enabled())
print(x.is_inference(), torch.ones(1).is_inference(), torch.is_inference_mode_enabled())


def attempt(label, f):
    try:
        print(label, f())
    except RuntimeError as e:
        print(label, "RuntimeError:", e)


# an addition saves nothing for backward: allowed; a product saves the other factor: refused
attempt("add", lambda: (y + x).sum())
attempt("mul", lambda: (y * x).sum())
attempt("mul2", lambda: (x * y).sum())
attempt("mm", lambda: torch.mm(y.view(1, 2), x.view(2, 1)))
attempt("no grad involved", lambda: (y.exp() * 1).sum())
s = (y + x).sum()
s.backward()
print(x.grad)

# changing one in place outside inference mode (PyTorch has written it when it refuses; not printed after)
with torch.inference_mode():
    u = torch.ones(2)
attempt("add_", lambda: u.add_(1))
attempt("mul_", lambda: z.mul_(2))
attempt("requires_grad_", lambda: y.requires_grad_())
with torch.inference_mode():
    y.add_(1)
print(y)
c = y.clone()
print(c.is_inference())
c.add_(1)
print(c)

# no_grad makes normal tensors; inference_mode(False) too
with torch.no_grad():
    w = torch.ones(2)
print(w.is_inference())
with torch.inference_mode(False):
    print(torch.ones(1).is_inference())


@torch.inference_mode()
def triple(a):
    return a * 3


print(triple(x).is_inference())

# a layer's output made in inference mode, used with its weight in a tracked computation
torch.manual_seed(0)
lin = nn.Linear(2, 1)
with torch.inference_mode():
    out = lin(torch.ones(1, 2))
print(out.is_inference(), out.requires_grad)
attempt("layer output", lambda: (out * lin.weight).sum())
print((out.clone() * lin.weight).sum().requires_grad)

# an inference tensor that requires grad itself (made so inside the mode): scaling it saves nothing of it
with torch.inference_mode():
    h = torch.ones(2, requires_grad=True)
print(h.requires_grad, h.is_leaf, h.is_inference())
s = (h * 2).sum()
s.backward()
print(s, h.grad)
