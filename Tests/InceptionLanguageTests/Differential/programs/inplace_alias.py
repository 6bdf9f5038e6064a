import torch
a = torch.zeros(3)
b = a
b += 1
print(a)
c = a
c *= 4
print(a, c)
