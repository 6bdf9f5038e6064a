import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4) for _ in range(2)])
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 3), "reg": nn.Linear(4, 1)})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(4)) for _ in range(2)])
        self.register_buffer("step", torch.zeros(1))
    def forward(self, x):
        for blk, s in zip(self.blocks, self.scales):
            x = torch.relu(blk(x)) * s
        return {k: h(x) for k, h in self.heads.items()}

net = Net()
print(net)
for name, p in net.named_parameters():
    print(f"{name:<20} {str(tuple(p.shape)):>8} {p.numel():>4}")
print([n for n, _ in net.named_modules()])
print([n for n, _ in net.named_buffers()])
print(list(net.state_dict().keys()))
out = net(torch.randn(2, 4))
print(sorted(out), {k: tuple(v.shape) for k, v in out.items()})
total = sum(p.numel() for p in net.parameters())
print(f"total={total:,} trainable={sum(p.numel() for p in net.parameters() if p.requires_grad)}")
print(len(net.blocks), len(net.heads), len(net.scales), "cls" in net.heads)
