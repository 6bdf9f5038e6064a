import torch
import torch.nn.functional as F
x = torch.tensor([[2.0, 1.0, 0.1]])
print(F.softmax(x, dim=1))
print(F.log_softmax(x, dim=1))
print(torch.softmax(x, 1))
