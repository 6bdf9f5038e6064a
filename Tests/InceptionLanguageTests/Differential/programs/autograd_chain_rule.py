import torch
w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
x = torch.tensor([0.5, 1.5, -1.0])
y = ((w * x + 2) ** 2).sum() / 3 - w.mean()
print(y)
y.backward()
print(w.grad)
print(w.is_leaf, y.is_leaf, x.requires_grad, y.requires_grad)
