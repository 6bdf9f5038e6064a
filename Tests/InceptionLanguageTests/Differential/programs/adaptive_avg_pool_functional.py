import torch
import torch.nn.functional as F
x = torch.arange(32.0).reshape(1, 2, 4, 4)
print(F.adaptive_avg_pool2d(x, 1))
print(F.adaptive_avg_pool2d(x, (2, 2)).shape)
print(F.max_pool2d(x, 2))
print(F.avg_pool2d(x, 2, 2)[0, 0])
