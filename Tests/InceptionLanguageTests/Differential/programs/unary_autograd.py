import torch
import torch.nn as nn
x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
for name in ["exp", "sigmoid", "tanh", "abs", "square", "floor", "sign"]:
    x.grad = None
    y = getattr(torch, name)(x)
    y.sum().backward()
    print(name, y.grad_fn is not None, x.grad)
z = torch.tensor([0.5, 2.0, 4.0], requires_grad=True)
(z.log() + z.sqrt()).sum().backward()
print(z.grad)
z.grad = None
z.clamp(min=1.0, max=3.0).sum().backward()
print(z.grad)
z.grad = None
torch.clamp(z, max=2.0).sum().backward()
print(z.grad)
print(torch.sigmoid(z).grad_fn.name() if hasattr(torch.sigmoid(z).grad_fn, "name") else "")
w = torch.tensor([1.0, -2.0], requires_grad=True)
loss = nn.Sigmoid()(w).sum() + nn.Tanh()(w).sum()
loss.backward()
print(w.grad)
