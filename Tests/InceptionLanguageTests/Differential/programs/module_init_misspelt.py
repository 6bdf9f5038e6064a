# An nn.Module subclass whose __init__ is misspelt (or missing) gets nn.Module.__init__, which
# refuses any argument: keywords first, then positional ones.
import torch.nn as nn

class Block(nn.Module):
    def __int__(self, a, b, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(a, b, 3, padding=padding)

    def forward(self, x):
        return x

class Plain(nn.Module):
    def forward(self, x):
        return x

for make in [lambda: Block(3, 4, padding=1), lambda: Block(3, 4), lambda: Plain(1), lambda: Plain(k=2)]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
print(type(Block()).__name__, type(Plain()).__name__)
