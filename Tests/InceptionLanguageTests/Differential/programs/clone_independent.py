import torch
a = torch.ones(3)
b = a.clone()
b += 1
print(a, b)
c = a.view(3)
print(c.shape)
