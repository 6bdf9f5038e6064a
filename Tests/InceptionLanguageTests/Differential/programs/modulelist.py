import torch
import torch.nn as nn
layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
layers.append(nn.ReLU())
print(layers)
print(len(layers), type(layers[0]).__name__)
print(sum(p.numel() for p in layers.parameters()))
