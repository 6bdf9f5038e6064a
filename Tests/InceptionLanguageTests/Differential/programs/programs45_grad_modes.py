import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x0 = x
with torch.no_grad():
    y = x * 2
    with torch.enable_grad():
        z = x * 3
print(y.requires_grad, z.requires_grad, torch.is_grad_enabled())
with torch.inference_mode():
    w = x * 4
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(w.requires_grad, w.is_inference())
torch.set_grad_enabled(False)
q = x + 1
torch.set_grad_enabled(True)
print(q.requires_grad, (x + 1).requires_grad)
with torch.set_grad_enabled(False):
    r = x ** 2
print(r.requires_grad, r.grad_fn)

@torch.no_grad()
def predict(t):
    return t * 10

print(predict(x).requires_grad)
d = x.detach()
d[0] = 5.0
print(x)
c = x.clone()
print(c.requires_grad, c.is_leaf, c.grad_fn is not None)
c.sum().backward()
print(x.grad)
e = x.detach().clone().requires_grad_(True)
(e * e).sum().backward()
print(e.grad, e.is_leaf)
x.grad = None
loss = (x.exp() * 2).sum()
g, = torch.autograd.grad(loss, x)
print(g, g.requires_grad)
loss2 = (x.exp() * 2).sum()
loss2.backward()
print(x.grad)
try:
    w.requires_grad_(True)
    (w * 2).sum().backward()
    print("ok")
except RuntimeError as err:
    print("RuntimeError:", str(err).splitlines()[0])
