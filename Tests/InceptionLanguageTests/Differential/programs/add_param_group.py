# optimizer.add_param_group: a frozen backbone's parameters join training later with options of
# their own (the rest from the constructor's), in PyTorch's key order; a parameter already in a
# group is refused; the new group's parameters are stepped, zeroed and saved like the others.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
backbone = nn.Linear(4, 4)
head = nn.Linear(4, 2)
for p in backbone.parameters():
    p.requires_grad_(False)
opt = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)
x, y = torch.randn(6, 4), torch.tensor([0, 1, 1, 0, 1, 0])


def train_step():
    opt.zero_grad()
    loss = F.cross_entropy(head(F.relu(backbone(x))), y)
    loss.backward()
    opt.step()
    return round(loss.item(), 5)


print(train_step(), train_step())
for p in backbone.parameters():
    p.requires_grad_(True)
opt.add_param_group({"params": backbone.parameters(), "lr": 0.01})
print(len(opt.param_groups), list(opt.param_groups[1].keys()))
print(opt.param_groups[1]["lr"], opt.param_groups[1]["momentum"])
print(opt)
print(train_step(), train_step())
print(backbone.bias, sorted(opt.state_dict()["state"].keys()))
try:
    opt.add_param_group({"params": head.weight})
except ValueError as e:
    print("ValueError:", e)

adam = torch.optim.Adam([nn.Parameter(torch.ones(2))], lr=0.001)
adam.add_param_group({"params": [nn.Parameter(torch.zeros(3))], "betas": (0.8, 0.9)})
print([g["betas"] for g in adam.param_groups], adam.param_groups[1]["lr"])
