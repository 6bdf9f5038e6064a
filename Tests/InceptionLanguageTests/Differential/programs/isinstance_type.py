import torch
import torch.nn as nn
x = torch.zeros(2)
c = nn.Conv2d(1, 1, 1)
print(isinstance(x, torch.Tensor), isinstance(c, nn.Module), isinstance(c, (nn.Linear, nn.Conv2d)))
print(type(c) == nn.Conv2d, type(c).__name__, type(3).__name__, type(x))
