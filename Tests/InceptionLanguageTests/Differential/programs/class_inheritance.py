# One class extending another: methods found up the line, a constructor inherited or called
# with super().__init__ (also as super(Child, self)), super().forward / super().method(),
# isinstance along the line, and a block's printout and state_dict from every level.
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, kernel_size=1, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))

    def describe(self):
        return f"{type(self).__name__}: {self.conv.in_channels} -> {self.conv.out_channels}"


class Reduce3x3(BasicConv2d):
    def __init__(self, cin, cout):
        super().__init__(cin, cout, kernel_size=3, padding=1)


class Scaled(Reduce3x3):
    def __init__(self, cin, cout, scale):
        super(Scaled, self).__init__(cin, cout)
        self.scale = scale

    def forward(self, x):
        return super().forward(x) * self.scale

    def describe(self):
        return "scaled " + super().describe()


class Plain(BasicConv2d):
    pass


torch.manual_seed(0)
blocks = [BasicConv2d(3, 4), Reduce3x3(3, 4), Scaled(3, 4, 0.5), Plain(3, 2, kernel_size=1)]
x = torch.randn(1, 3, 6, 6)
for b in blocks:
    b.eval()
    y = b(x)
    print(b.describe(), tuple(y.shape), round(y.sum().item(), 3))
print(blocks[2])
print(list(blocks[2].state_dict().keys()))
print([isinstance(blocks[2], k) for k in (BasicConv2d, Reduce3x3, Scaled, Plain, nn.Module)], isinstance(blocks[0], Scaled))


class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"


class Dog(Animal):
    def speak(self):
        return super().speak() + ": woof"


print(Dog("rex").speak(), Animal("cat").speak())
