import torch
import torch.nn as nn
lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.fill_(0.5)
    lin.bias.fill_(0.0)
x = torch.tensor([[1.0, 2.0]])
lin(x).sum().backward()
lin(x).sum().backward()
print(lin.weight.grad)
lin.zero_grad()
print(lin.weight.grad)
