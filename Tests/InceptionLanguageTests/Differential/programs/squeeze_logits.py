import torch
import torch.nn as nn
head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))
nn.init.constant_(head[2].weight, 0.1)
nn.init.zeros_(head[2].bias)
x = torch.arange(32.0).reshape(2, 4, 2, 2)
out = head(x)
print(out, out.argmax(1))
print(torch.softmax(out, dim=1).sum(1))
