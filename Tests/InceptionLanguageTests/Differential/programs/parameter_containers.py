# nn.ParameterList and nn.ParameterDict: their items are parameters of the module that holds
# them (named "0", "1", … or by key), printed, indexed, looped over and trained as in PyTorch.
import torch
import torch.nn as nn

torch.manual_seed(0)
pl = nn.ParameterList([nn.Parameter(torch.ones(2)), torch.zeros(3, 4)])
print(pl)
print(len(pl), pl[1].requires_grad, type(pl[1]).__name__, pl[-1].shape)
pl.append(nn.Parameter(torch.ones(1)))
pl.extend([torch.ones(5)])
print(pl)
print(nn.ParameterList())

pd = nn.ParameterDict({"scale": nn.Parameter(torch.ones(2)), "bias": torch.zeros(2)})
print(pd)
print(list(pd), len(pd), "bias" in pd, "shift" in pd)
pd["shift"] = nn.Parameter(torch.full((2,), 0.5))
print(list(pd.keys()), pd["shift"])
for key, value in pd.items():
    print(key, value.shape)


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.gains = nn.ParameterList([nn.Parameter(torch.randn(3)) for _ in range(2)])
        self.extra = nn.ParameterDict({"b": nn.Parameter(torch.zeros(3)), "a": nn.Parameter(torch.ones(3))})

    def forward(self, x):
        for g in self.gains:
            x = x * g
        return x * self.extra["a"] + self.extra.b


model = Scaled()
print(model)
print([name for name, _ in model.named_parameters()])
print(list(model.state_dict().keys()))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(4, 3)
for step in range(3):
    opt.zero_grad()
    loss = (model(x) - 1).pow(2).mean()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
print(model.gains[0], model.extra["b"])
for bad in [lambda: pl(torch.ones(1)), lambda: nn.ParameterList([torch.arange(3)]), lambda: nn.ParameterDict({"a": torch.zeros(2, dtype=torch.long)})]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError:", e)
