# retain_graph=True keeps the recording, so a second backward (or autograd.grad) runs through it:
# gradients add up, as in PyTorch, through the layers and operations alike.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
y = x.pow(2).mean()
y.backward(retain_graph=True)
print(x.grad)
x.grad.zero_()
y.backward()
print(x.grad, y.item())
try:
    y.backward()
except RuntimeError as e:
    print("RuntimeError:", e)

# a small network: two backwards through one forward give twice one backward's gradients
net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(4, 4, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.5), nn.Linear(4, 3))
inputs, labels = torch.randn(2, 3, 8, 8), torch.tensor([0, 2])
loss = F.cross_entropy(net(inputs), labels)
loss.backward(retain_graph=True)
once = [p.grad.clone() for p in net.parameters()]
loss.backward()
print([torch.allclose(p.grad, 2 * g) for p, g in zip(net.parameters(), once)])
print(net[0].weight.grad[0, 0])

# two losses over one shared trunk, each backward on its own
trunk = net[0](inputs)
a, b = trunk.mean(), (trunk ** 2).mean()
ga, = torch.autograd.grad(a, net[0].weight, retain_graph=True)
gb, = torch.autograd.grad(b, net[0].weight)
print(ga[0, 0, 0], gb[0, 0, 0])
