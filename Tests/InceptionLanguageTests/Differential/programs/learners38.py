# What a learner's training loop gets wrong: a loss class called as the loss (its tensors taken
# for options), cross_entropy's arguments swapped, a loss kept as a tensor or as the bound .item.
import torch
import torch.nn as nn
import torch.nn.functional as F

out = torch.randn(2, 12, requires_grad=True)
labels = torch.tensor([1, 3])
t = torch.rand(2, 12)

# nn.XLoss(input, target): PyTorch reads the second tensor as size_average
for name, args in [("CrossEntropyLoss", (out, labels)), ("NLLLoss", (out, labels)), ("MSELoss", (out, t)),
                   ("L1Loss", (out, t)), ("BCELoss", (torch.sigmoid(out), t)), ("BCEWithLogitsLoss", (out, t)),
                   ("SmoothL1Loss", (out, t))]:
    try:
        loss = getattr(nn, name)(*args)
        print(name, "made", type(loss).__name__)
    except RuntimeError as e:
        print(name, "RuntimeError:", e)

# one weight tensor is an option, and the made loss is then called
weighted = nn.CrossEntropyLoss(torch.ones(12))
print(round(weighted(out, labels).item(), 4) == round(F.cross_entropy(out, labels).item(), 4))
crit = nn.CrossEntropyLoss()
print(round(crit(out, labels).item(), 4) == round(F.cross_entropy(out, labels).item(), 4))

# the scores and the labels swapped
try:
    F.cross_entropy(labels, out)
except NotImplementedError as e:
    print("NotImplementedError:", e)

# losses kept as tensors still give their numbers
losses = [F.cross_entropy(out, labels), F.cross_entropy(out * 2, labels)]
print([round(l.item(), 4) for l in losses])
print(type(losses[0].item()).__name__)

# a layer's class where a layer goes: nn.ReLU for nn.ReLU()
class Block(nn.Module):
    def forward(self, x):
        return x

for args in [(nn.Conv2d(3, 4, 3), nn.ReLU), (Block,), (3,), ([nn.ReLU()],)]:
    try:
        nn.Sequential(*args)
    except TypeError as e:
        print("TypeError:", e)
for build in [lambda: nn.ModuleList([nn.ReLU]), lambda: nn.ModuleList([nn.ReLU()]).extend([nn.Tanh]), lambda: nn.ModuleList([1.5])]:
    try:
        build()
    except TypeError as e:
        print("TypeError:", e)
