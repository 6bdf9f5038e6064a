import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.tensor([-1.0, 0.5, -2.0, 3.0])
y = nn.ReLU(inplace=True)(x)
print(x)
z = torch.tensor([-1.0, 4.0])
F.relu(z, inplace=True)
print(z)
print(nn.ReLU(inplace=True))
