import torch
x = torch.randn(3, requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad, torch.is_grad_enabled())
with torch.inference_mode():
    z = x * 2
print(z.requires_grad, z.is_inference())
with torch.no_grad():
    with torch.enable_grad():
        w = x * 2
print(w.requires_grad, w.grad_fn is not None)
d = x.detach(); print(d.requires_grad, d.is_leaf)
a = torch.ones(2); print(a.requires_grad); a.requires_grad_(); print(a.requires_grad, a.is_leaf)
a.requires_grad_(False); print(a.requires_grad)
@torch.no_grad()
def evaluate(t):
    return (t * t).sum()
print(evaluate(x).requires_grad)
torch.set_grad_enabled(False)
print((x + 1).requires_grad)
torch.set_grad_enabled(True)
print((x + 1).requires_grad)
with torch.set_grad_enabled(False):
    print((x + 1).requires_grad)
q = (x * x).sum(); q.backward(); print(x.grad.shape, x.grad_fn, q.grad_fn.name())
