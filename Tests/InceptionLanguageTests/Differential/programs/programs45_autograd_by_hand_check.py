import torch
import torch.nn as nn

torch.manual_seed(15)
lin = nn.Linear(3, 2)
x = torch.randn(4, 3)
t = torch.randn(4, 2)
out = lin(x)
loss = ((out - t) ** 2).mean()
loss.backward()
dout = 2 * (out.detach() - t) / out.numel()
gw = dout.T @ x
gb = dout.sum(0)
print(torch.allclose(gw, lin.weight.grad, atol=1e-6), torch.allclose(gb, lin.bias.grad, atol=1e-6))
print(lin.weight.grad)
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = a * b + a ** 2
d = torch.sin(c) * torch.exp(-a)
d.backward()
print(f"dd/da={a.grad.item():.6f} dd/db={b.grad.item():.6f}")
print(c.grad_fn.name(), c.grad_fn.next_functions[0][0].name(), d.is_leaf, a.is_leaf)
z = torch.linspace(-2, 2, 5, requires_grad=True)
for fn in (torch.relu, torch.sigmoid, torch.tanh, nn.functional.gelu, nn.functional.silu, nn.functional.softplus, nn.functional.elu):
    z.grad = None
    fn(z).sum().backward()
    print(f"{fn.__name__:>8}", [round(v, 4) for v in z.grad.tolist()])
s = torch.randn(3, 5, requires_grad=True)
p = torch.log_softmax(s, 1)
labels = torch.tensor([1, 0, 4])
nll = -p[torch.arange(3), labels].mean()
nll.backward()
manual = (torch.softmax(s, 1) - nn.functional.one_hot(labels, 5)) / 3
print(torch.allclose(s.grad, manual.detach(), atol=1e-6), f"{nll.item():.5f}", f"{nn.functional.cross_entropy(s, labels).item():.5f}")
m = torch.ones(2, 2, requires_grad=True)
y = m * 3
y.retain_grad()
(y ** 2).sum().backward()
print(y.grad, m.grad)
try:
    (y ** 2).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:60])
