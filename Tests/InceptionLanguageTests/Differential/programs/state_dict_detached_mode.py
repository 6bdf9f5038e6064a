# model.state_dict(): each tensor detached (the same memory, no gradient, printed as a plain
# tensor), keep_vars=True the parameters themselves; x.mode() / torch.mode (the most frequent
# value, the smallest of those tied, a NaN equal to nothing, and where it is last found) and
# x.aminmax().
import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.ones(3))
        self.register_buffer("seen", torch.zeros(3))
        self.lin = nn.Linear(1, 2)

    def forward(self, x):
        self.seen += x.detach().mean(0)
        return x * self.w


torch.manual_seed(0)
m = Scaled()
m(torch.ones(2, 3))
sd = m.state_dict()
print(sd)
print([(name, t.requires_grad) for name, t in sd.items()])
sd["w"].add_(1)
print(m.w)
print(m.state_dict(keep_vars=True)["w"])
print(nn.BatchNorm1d(2).state_dict())

for values in [[1, 2, 2, 3], [4, 4, 1, 1], [3, 1, 3, 1, 2], [5], [2.0, float("nan"), float("nan"), 1.0], [0.5, 0.5, 0.2, 0.2, 0.2, 0.5]]:
    print(values, torch.mode(torch.tensor(values)))
x = torch.tensor([[1, 2, 2], [3, 3, 1]])
print(x.mode(0), x.mode(dim=0, keepdim=True).values.shape, torch.mode(x, 1).indices)
r = torch.tensor([1.0, 2.0, 2.0], requires_grad=True)
r.mode().values.backward()
print(r.grad, torch.tensor(3.0).mode())
print(x.aminmax(), torch.aminmax(x, dim=1, keepdim=True))
low, high = torch.randn(3, 4).aminmax(dim=0)
print(low, high)
