import copy
import torch
import torch.nn as nn

class Small(nn.Module):
    def __init__(self, extra=False):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn = nn.BatchNorm2d(2)
        self.fc = nn.Linear(2, 3)
        if extra:
            self.aux = nn.Linear(2, 2)

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean((2, 3)))

torch.manual_seed(7)
a = Small()
sd = a.state_dict()
for k, v in sd.items():
    print(f"{k:25s} {str(tuple(v.shape)):10s} {v.dtype}")
b = copy.deepcopy(a)
print(all(torch.equal(sd[k], v) for k, v in b.state_dict().items()))
with torch.no_grad():
    b.fc.weight.add_(1.0)
print(torch.equal(a.fc.weight, b.fc.weight))
saved = {k: v.clone() for k, v in a.state_dict().items()}
c = Small(extra=True)
result = c.load_state_dict(saved, strict=False)
print(result.missing_keys)
print(result.unexpected_keys)
print(result)
saved["head.weight"] = torch.zeros(1)
del saved["fc.bias"]
r = Small().load_state_dict(saved, strict=False)
print(r.missing_keys, r.unexpected_keys)
try:
    Small().load_state_dict(saved)
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])
bad = a.state_dict()
bad["fc.weight"] = torch.zeros(4, 2)
try:
    Small().load_state_dict(bad)
except RuntimeError as e:
    lines = str(e).splitlines()
    print(lines[0])
    print(lines[1].strip())
x = torch.randn(2, 1, 5, 5)
a.eval(); c.eval()
print(torch.allclose(a(x), c(x)))
opt = torch.optim.SGD(a.parameters(), lr=0.1, momentum=0.9)
a.train()
a(x).sum().backward()
opt.step()
osd = opt.state_dict()
print(list(osd.keys()), sorted(osd["state"].keys()), osd["param_groups"][0]["lr"])
print(list(osd["state"][0].keys()))
opt2 = torch.optim.SGD(c.parameters(), lr=0.5)
