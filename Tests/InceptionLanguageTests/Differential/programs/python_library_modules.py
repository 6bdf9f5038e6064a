import torch
import torch.nn as nn
from functools import partial, reduce
from typing import Optional, List
import warnings

def conv_bn(cin: int, cout: int, k: int = 3, bn: Optional[bool] = True) -> nn.Sequential:
    layers: List[nn.Module] = [nn.Conv2d(cin, cout, k, padding=k // 2, bias=not bn)]
    if bn:
        layers.append(nn.BatchNorm2d(cout))
    layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)

make = partial(conv_bn, k=1)
m = make(4, 8)
print(m)
print(make.keywords, make.args)
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a + b, [[1], [2]], [0]))
norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
print(norm_layer(16))
x: torch.Tensor = torch.ones(1, 4, 5, 5)
print(m(x).shape)
torch._assert(x.dim() == 4, "4-D input")
print(torch.jit.is_scripting())
