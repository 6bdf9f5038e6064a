# In-place activations act in place wherever they are called, inside nn.Sequential too.
import torch
import torch.nn as nn

x = torch.tensor([-1.0, 2.0])
out = nn.Sequential(nn.ReLU(inplace=True))(x)
print(x, out is x)
x = torch.tensor([-1.0, 2.0])
out = nn.Sequential(nn.LeakyReLU(0.1, inplace=True), nn.Identity())(x)
print(x, out is x)
x = torch.tensor([-1.0, 2.0])
out = nn.Sequential(nn.ReLU())(x)
print(x, out is x)

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(inplace=True), nn.Linear(4, 1))
saved = {}
net[0].register_forward_hook(lambda m, i, o: saved.__setitem__("raw", o))
net[0].register_forward_hook(lambda m, i, o: saved.__setitem__("copy", o.detach().clone()))
x = torch.randn(2, 3)
with torch.no_grad():
    net(x)
print(saved["raw"])
print(saved["copy"])
print(torch.equal(saved["raw"], saved["copy"]))

# with autograd: the gradient flows through the in-place ReLU as through F.relu
y = net(x).sum()
y.backward()
print(net[0].weight.grad)

z = torch.tensor([-1.0, 1.0])
layers = nn.ModuleList([nn.ReLU(inplace=True)])
for m in layers:
    m(z)
print(z)

d = nn.Sequential(nn.Dropout(0.5, inplace=True))
d.eval()
w = torch.ones(4)
print(d(w) is w, w)
