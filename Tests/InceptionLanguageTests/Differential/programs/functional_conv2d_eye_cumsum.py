import torch
import torch.nn.functional as F
w = torch.ones(2, 1, 3, 3, requires_grad=True)
x = torch.arange(16.0).reshape(1, 1, 4, 4)
y = F.conv2d(x, w, bias=torch.tensor([0.5, -0.5]), padding=1)
print(y)
y.sum().backward()
print(w.grad)
print(F.conv2d(x, w, stride=2).shape, F.conv2d(x, w, padding="same").shape, F.conv2d(x, w).shape)
print(torch.eye(2, 3), torch.eye(2, dtype=torch.long), torch.eye(3).sum())
print(torch.arange(6).cumsum(0), torch.tensor([[1.0, 2.0], [3.0, 4.0]]).cumsum(dim=1))
print(torch.cumsum(torch.tensor([True, True, False]), 0), torch.tensor([[1, 2], [3, 4]]).cumsum(0))
