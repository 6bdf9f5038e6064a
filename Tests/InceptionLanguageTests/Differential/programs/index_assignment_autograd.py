# Assigning into a tensor that autograd records, as PyTorch's index_put_ / CopySlices records
# it: the gradient reaches the old values everywhere but the assigned places, and the assigned
# value from those places (summed where it was broadcast). Also clone()'s gradient.
import torch

torch.manual_seed(0)
x = torch.randn(3, 4, requires_grad=True)
y = x * 2
y[0] = 0
y[:, 1] += 5
y.sum().backward()
print(x.grad)
print(y)

x = torch.randn(3, 4, requires_grad=True)
y = x.clone()
y[y < 0] = 0
(y * y).sum().backward()
print(x.grad)

x = torch.randn(4, requires_grad=True)
out = torch.zeros(4)
out[1:3] = x[1:3] * 2
out.sum().backward()
print(x.grad, out.requires_grad)

h0 = torch.randn(2, 3, requires_grad=True)
steps = torch.zeros(3, 2, 3)
state = h0
for t in range(3):
    state = torch.tanh(state * 0.5 + t)
    steps[t] = state
steps.mean().backward()
print(h0.grad)

w = torch.randn(2, 2, requires_grad=True)
scores = w @ w.t()
scores[torch.eye(2, dtype=torch.bool)] = -1e9
scores.softmax(1).sum().backward()
print(w.grad)

v = torch.tensor([1.0, 2.0], requires_grad=True)
grid = torch.zeros(3, 2)
grid[:] = v
(grid * torch.arange(6.0).view(3, 2)).sum().backward()
print(v.grad)

c = torch.randn(3, requires_grad=True)
d = c.clone()
(d * 3).sum().backward()
print(c.grad, d.grad_fn is not None)
leaf = torch.zeros(2, requires_grad=True)
try:
    leaf[0] = 1.0
except RuntimeError as err:
    print("RuntimeError:", err)
