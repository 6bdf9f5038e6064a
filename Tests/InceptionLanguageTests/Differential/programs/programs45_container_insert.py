import torch
import torch.nn as nn
from collections import OrderedDict

# Sequential.insert and ModuleList.insert move the layers up one name each, as PyTorch's loop over _modules
seq = nn.Sequential(OrderedDict([("c1", nn.ReLU()), ("r1", nn.Tanh())]))
for f in [lambda: seq.insert(1, nn.Sigmoid()), lambda: seq.insert(2, nn.Sigmoid()), lambda: [n for n, _ in seq.named_children()],
          lambda: nn.Sequential(nn.ReLU(), nn.Tanh()).insert(-1, nn.Sigmoid()), lambda: nn.Sequential(nn.ReLU()).insert(5, nn.Tanh())]:
    try:
        print(f())
    except (KeyError, IndexError) as e:
        print(type(e).__name__, e)
ml = nn.ModuleList([nn.ReLU(), nn.Tanh()])
try:
    ml.insert(-1, nn.Sigmoid())
except KeyError as e:
    print("KeyError", e)
print(ml)
ml2 = nn.ModuleList([nn.ReLU(), nn.Tanh()])
ml2.insert(1, nn.Sigmoid())
ml2.insert(5, nn.ELU())
print(ml2, len(ml2))
try:
    ml2.insert(0, nn.Identity())     # its names are 0, 1, 2, 5: no "3" to move up
except KeyError as e:
    print("KeyError", e)
print([type(m).__name__ for m in ml2], [n for n, _ in ml2.named_children()])
print(nn.Conv2d(1, 2, 3)._get_name(), ml2._get_name())
