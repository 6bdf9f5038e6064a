import torch
import torch.nn as nn
import torch.nn.functional as F
lin = nn.Linear(4, 3)
with torch.no_grad():
    lin.weight.copy_(torch.arange(12.0).reshape(3, 4) / 10 - 0.5)
    lin.bias.fill_(0.1)
x = torch.tensor([[1.0, 0.0, -1.0, 2.0], [0.5, 0.5, 0.5, 0.5]])
loss = F.cross_entropy(lin(x), torch.tensor([2, 0]))
print(f"{loss.item():.5f}")
loss.backward()
print(lin.weight.grad)
print(lin.bias.grad)
