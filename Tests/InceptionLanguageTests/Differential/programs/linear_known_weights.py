import torch
import torch.nn as nn
fc = nn.Linear(3, 2)
nn.init.ones_(fc.weight)
nn.init.zeros_(fc.bias)
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]])
print(fc(x))
print(x @ fc.weight.T + fc.bias)
