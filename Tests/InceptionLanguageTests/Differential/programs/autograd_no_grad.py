import torch
w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    z = w * 2
print(z.requires_grad, torch.is_grad_enabled())
u = w * 2
print(u.requires_grad, u.grad_fn is not None, w.grad_fn)
d = u.detach()
print(d.requires_grad)
