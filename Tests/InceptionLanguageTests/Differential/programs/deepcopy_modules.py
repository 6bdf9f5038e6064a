import torch
import torch.nn as nn
import torch.nn.functional as F
import copy
# copy.deepcopy of whole models: a teacher and an EMA copy of a student, a class-built block
# (its constructor not run again), train/eval modes, buffers, frozen parameters, layers added
# after construction, a layer shared twice, and the random stream going on as if no copy was made
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
net2 = copy.deepcopy(net)
with torch.no_grad():
    net2[0].weight.fill_(1.0)
print(net[0].weight[0], net2[0].weight[0])
print(net2)
print(torch.randn(2))

class Net(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        print("init", hidden)
        self.fc1 = nn.Linear(4, hidden)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, 2)
        self.scale = 2.0
        self.register_buffer("steps", torch.zeros(1))
    def forward(self, x):
        self.steps += 1
        return self.fc2(F.relu(self.bn(self.fc1(x)))) * self.scale
m = Net(8)
x = torch.randn(5, 4)
m(x)
m.eval()
c = copy.deepcopy(m)
print(c.training, c.bn.training, c.scale, c.steps, m.steps)
print(torch.equal(c(x), m(x)), c.bn.running_mean.equal(m.bn.running_mean))
c.train(); c(x)
print(c.steps, m.steps, c.bn.num_batches_tracked, m.bn.num_batches_tracked)
print([n for n, _ in c.named_parameters()])
print(c.fc1.weight is m.fc1.weight, c.fc1.weight.requires_grad)
print(torch.rand(1))

teacher = nn.Sequential(nn.Linear(3, 3), nn.Tanh())
student = copy.deepcopy(teacher)
for p in teacher.parameters():
    p.requires_grad_(False)
ema = copy.deepcopy(student)
opt = torch.optim.SGD(student.parameters(), lr=0.1)
x = torch.randn(4, 3)
for step in range(3):
    loss = ((student(x) - teacher(x) - 1) ** 2).mean()
    opt.zero_grad(); loss.backward(); opt.step()
    with torch.no_grad():
        for pe, ps in zip(ema.parameters(), student.parameters()):
            pe.mul_(0.9).add_(ps, alpha=0.1)
    print(step, round(loss.item(), 5))
print(ema[0].weight)
print(all(not p.requires_grad for p in teacher.parameters()), all(p.requires_grad for p in ema.parameters()))
frozen = copy.deepcopy(teacher)
print([p.requires_grad for p in frozen.parameters()])

layers = nn.ModuleList([nn.Linear(2, 2)])
layers.append(nn.Linear(2, 3))
c = copy.deepcopy(layers)
print(len(c), c[1].weight.shape, torch.equal(c[1].bias, layers[1].bias))
shared = nn.Linear(2, 2)
seq = nn.Sequential(shared, nn.ReLU(), shared)
s2 = copy.deepcopy(seq)
print(s2[0] is s2[2], s2[0] is shared)
d = copy.deepcopy({"model": seq, "lr": 0.1})
print(d["model"][0] is d["model"][2], d["lr"])

class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 4), nn.GELU())
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(self.body(x))
h = Head()
h.fc = nn.Linear(4, 3)
h.body.append(nn.Dropout(0.1))
h2 = copy.deepcopy(h)
print(h2)
x = torch.randn(2, 4)
h.eval(); h2.eval()
print(torch.equal(h(x), h2(x)))

block = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4, momentum=0.3), nn.ReLU(inplace=True),
                      nn.MaxPool2d(2), nn.Dropout(0.2))
block.eval()
b2 = copy.deepcopy(block)
print(b2)
x = torch.randn(1, 3, 4, 4)
print(torch.allclose(b2(x), block(x)), b2[1].momentum, copy.deepcopy(nn.Embedding(5, 3, padding_idx=0)))
mixed = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5), nn.BatchNorm1d(2))
mixed[2].eval()
mc = copy.deepcopy(mixed)
print(mc.training, mc[1].training, mc[2].training)
