import torch
x = torch.tensor([-1.0, 2.0, -3.0])
x.relu_()
print(x)
x.add_(1).mul_(2)
print(x)
x.zero_()
print(x)
