import torch
import torch.nn as nn
import torch.nn.functional as F
lrn = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
print(lrn)
print(nn.LocalResponseNorm(2))
x = (torch.arange(2 * 8 * 3 * 3, dtype=torch.float32).reshape(2, 8, 3, 3) / 7 - 5).requires_grad_()
y = lrn(x)
print(y[0, :, 0, 0])
w = torch.linspace(-1, 1, y.numel()).reshape(y.shape)
(y * w).sum().backward()
print(x.grad[1, :, 2, 1])
x.grad = None
z = F.local_response_norm(x, 4, alpha=0.5, beta=0.9, k=1.0)
(z * w).sum().backward()
print(z[1, :, 1, 1])
print(x.grad[0, :, 0, 2])
net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), nn.LocalResponseNorm(5))
print(net)
print(net(torch.ones(1, 3, 8, 8)).shape)
