import torch
import torch.nn as nn

class Tower(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.heads = nn.ModuleDict({"cls": nn.Linear(widths[-1], 3), "reg": nn.Linear(widths[-1], 1)})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(w)) for w in widths[1:]])
        self.register_buffer("step", torch.zeros((), dtype=torch.long))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)

    def forward(self, x, head="cls"):
        self.step += 1
        for layer, s in zip(self.layers, self.scales):
            x = torch.relu(layer(x)) * s
        return self.heads[head](x)

torch.manual_seed(0)
t = Tower([4, 6, 5])
print(t)
for name, m in t.named_modules():
    print(repr(name), type(m).__name__)
for name, p in t.named_parameters():
    print(f"{name:<18} {str(tuple(p.shape)):>8} {p.numel():>4}")
print([n for n, _ in t.named_children()])
print([n for n, _ in t.named_buffers()])
print(list(t.state_dict().keys()))
x = torch.randn(2, 4)
print(t(x).shape, t(x, head="reg").shape, t.step)
print(len(t.layers), len(t.heads), len(t.scales))
print("cls" in t.heads, list(t.heads.keys()))
t.layers.append(nn.Linear(5, 5))
print(t.layers)
print(sum(p.numel() for p in t.parameters()))
print(isinstance(t.layers, nn.ModuleList), isinstance(t.scales[0], nn.Parameter))
