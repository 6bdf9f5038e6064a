import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Conv2d(2, 2, 1))
        self.head = nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.Sequential(nn.Linear(2, 3), nn.Sigmoid())})
        self.temperature = nn.Parameter(torch.tensor(1.5))

    def forward(self, x, which="a"):
        h = self.features(x).mean((2, 3))
        return self.head[which](h) / self.temperature

torch.manual_seed(22)
net = Net()
print([n for n, _ in net.named_parameters(recurse=False)])
print([n for n, _ in net.named_parameters(prefix="model")][:3])
print(net.get_submodule("head.b.0"), net.get_parameter("features.2.bias").shape)
print(len(list(net.modules())), len(list(net.children())), len(list(net.parameters())))
print([name for name, m in net.named_modules() if len(list(m.children())) == 0])
net.requires_grad_(False)
print(any(p.requires_grad for p in net.parameters()))
net.head.requires_grad_()
print([n for n, p in net.named_parameters() if p.requires_grad])
x = torch.randn(3, 1, 5, 5)
out = net(x, which="b")
out.sum().backward()
print(net.features[0].weight.grad is None, net.head.b[0].weight.grad.shape)
net.zero_grad()
print(net.head.b[0].weight.grad)
print(net.training, net.eval().training, net.train().training, net.train(False).training)
net2 = Net()
torch.manual_seed(22)
net3 = Net()
same = all(torch.equal(p, q) for p, q in zip(net.parameters(), net3.parameters()))
print(same, torch.equal(net.temperature, net2.temperature))
print(type(net.head).__name__, list(net.head), list(net.head.values())[0])
for k, v in net.head.items():
    print(k, sum(p.numel() for p in v.parameters()))
print(net.features[1:], len(net.features[:2]))
print(hasattr(net, "temperature"), getattr(net, "missing", "none"))
try:
    net.missing_layer
except AttributeError as e:
    print("AttributeError:", e)
net.to(torch.device("cpu"))
print(next(net.parameters()).device, next(net.parameters()).dtype)
