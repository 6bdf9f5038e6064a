import torch
import torch.nn as nn
m = nn.Sequential(nn.Conv2d(1, 2, 1), nn.ReLU(), nn.Linear(2, 2))
def init(layer):
    if isinstance(layer, (nn.Conv2d, nn.Linear)):
        nn.init.constant_(layer.weight, 0.5)
        nn.init.zeros_(layer.bias)
m.apply(init)
print(m[0].weight.flatten(), m[2].weight.sum(), m[2].bias)
names = []
m.apply(lambda l: names.append(type(l).__name__))
print(names)
