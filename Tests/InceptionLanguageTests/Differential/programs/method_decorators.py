import torch
import torch.nn as nn

class Head(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.fc = nn.Linear(n, 2)
        self.scale = 2.0

    @property
    def width(self):
        return self.fc.in_features * self.scale

    @staticmethod
    def describe(k):
        return f"head of {k}"

    @torch.no_grad()
    def predict(self, x):
        return self(x).argmax(1)

    @torch.jit.unused
    def helper(self, x):
        return x + 1

    def forward(self, x):
        return self.fc(x)

h = Head(3)
print(h.width, h.describe(4), Head.__name__)
with torch.no_grad():
    h.fc.weight.copy_(torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))
    h.fc.bias.zero_()
x = torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
p = h.predict(x)
print(p, p.requires_grad, h(x).requires_grad)
print(h.helper(torch.ones(2)))
