import torch
import torch.nn as nn

# branches of an Inception-style module joined three ways
torch.manual_seed(0)
a = torch.randn(1, 2, 3, 3)
b = torch.randn(1, 4, 3, 3)
c = torch.randn(1, 1, 3, 3)
print(torch.concatenate([a, b, c], axis=1).shape)
print(torch.concatenate((a, b), 1).sum().item() == torch.cat((a, b), 1).sum().item())
print(torch.concat([a, c], dim=1)[0, 2])
print(torch.cat([a, b], axis=-3).shape)
print(torch.concatenate([a.flatten(), c.flatten()]).shape)

# added instead of concatenated: PyTorch's error text
try:
    y = a + b + c
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    y = sum([a, b])
except RuntimeError as e:
    print("RuntimeError:", e)

# a library name set to None, then used
def build():
    nn = None
    try:
        return nn.Sequential(torch.nn.ReLU())
    except AttributeError as e:
        print("AttributeError:", e)
build()
nn_backup = nn
nn = 3
try:
    nn.Conv2d(3, 4, 1)
except AttributeError as e:
    print("AttributeError:", e)
nn = nn_backup
print(nn.ReLU())
