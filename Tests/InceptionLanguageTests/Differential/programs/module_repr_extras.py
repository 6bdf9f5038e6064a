# a class's extra_repr; a sliced Sequential keeps its names; Embedding's padding_idx counted from the front; calculate_gain's int 1
import torch
import torch.nn as nn
class Scale(nn.Module):
    def __init__(self, alpha):
        super().__init__()
        self.alpha = alpha
    def extra_repr(self):
        return f'alpha={self.alpha}'
    def forward(self, x):
        return x * self.alpha
print(Scale(0.5))
print(nn.Sequential(Scale(2), nn.ReLU()))
s = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Tanh())
print(s[1:])
print(nn.Embedding(5, 2, padding_idx=-1))
print(nn.init.calculate_gain('conv2d'), nn.init.calculate_gain('linear'), nn.init.calculate_gain('sigmoid'), nn.init.calculate_gain('relu'), nn.init.calculate_gain('tanh'), nn.init.calculate_gain('leaky_relu', 0.2))
print(nn.Embedding(5, 2, padding_idx=-1).padding_idx, nn.Embedding(5, 2).padding_idx)
