# inplace=True activations (module and function) change their input, with autograd; float
# layers refuse integer inputs; torch.tensor's nested-list errors; 0-d indexing and views;
# keepdims=/axis=; expand's error; histc has no history; masked_fill wants a bool mask
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)

y = torch.tensor([-1.0, 0.5, 2.0])
r = F.leaky_relu(y, 0.1, inplace=True)
print(y, r is y)
for m in (nn.LeakyReLU(0.2, inplace=True), nn.Hardtanh(inplace=True), nn.SiLU(inplace=True), nn.ELU(inplace=True),
          nn.ReLU6(inplace=True), nn.Hardswish(inplace=True), nn.Mish(inplace=True), nn.SELU(inplace=True), nn.ReLU(inplace=True)):
    z = torch.tensor([-1.5, 0.5, 7.0])
    out = m(z)
    print(m, z, out is z)
x = torch.tensor([-2.0, 0.5, 2.0], requires_grad=True)
y = x + 1
F.hardtanh(y, inplace=True)
y.sum().backward()
print(x.grad, type(y.grad_fn).__name__)
x.grad = None
h = x * 2
nn.SiLU(inplace=True)(h)
h.sum().backward()
print(h, x.grad)
try:
    F.elu(x, inplace=True)
except RuntimeError as e:
    print(e)
d = nn.Dropout(0.5, inplace=True)
d.eval()
z = torch.ones(3)
print(d(z) is z)

def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

xi = torch.tensor([[1, 2]])
xc = torch.ones(1, 2, 4, 4, dtype=torch.long)
for f in (lambda: nn.Linear(2, 2)(xi), lambda: nn.Linear(2, 2, bias=False)(xi), lambda: nn.Conv2d(2, 2, 3)(xc),
          lambda: nn.Conv2d(2, 2, 3, bias=False)(xc), lambda: nn.GRU(2, 2)(torch.tensor([[[1, 2]]])),
          lambda: nn.LSTM(2, 2)(torch.tensor([[[1, 2]]])), lambda: nn.BatchNorm2d(2)(xc), lambda: nn.LayerNorm(2)(xi),
          lambda: nn.Linear(2, 2)(xi > 1), lambda: F.linear(xi, torch.ones(2, 2)),
          lambda: torch.tensor([[1, 2]]) @ torch.tensor([[0.5], [0.25]]), lambda: torch.tensor([[1., 2]]) @ torch.tensor([[1], [2]]),
          lambda: torch.tensor([[1, 2]]) @ torch.tensor([[1], [2]]), lambda: torch.matmul(torch.tensor([1, 2]), torch.tensor([0.5, 0.25]))):
    attempt(f)

for f in (lambda: bool(torch.tensor([1, 2, 3])), lambda: bool(torch.tensor([])), lambda: torch.tensor(5)[0], lambda: torch.tensor(5)[0:1],
          lambda: torch.tensor(["a", "b"]), lambda: torch.tensor([[1, 2], [3]]), lambda: torch.tensor([[1, 2], 3]),
          lambda: torch.tensor([1, [2, 3]]), lambda: torch.tensor([[[1], [2]], [[3], [4, 5]]]), lambda: torch.tensor("a"),
          lambda: torch.tensor([1, "a"]), lambda: torch.tensor([[], []]).shape,
          lambda: torch.zeros(3).masked_fill(torch.tensor([1., 0., 1.]), 5.0), lambda: torch.zeros(3).masked_fill(torch.tensor([1, 0, 1]), 5.0),
          lambda: torch.zeros(3).masked_fill(torch.tensor([True, False, True]), 5.0),
          lambda: torch.histc(torch.tensor([-0.9, 0.1, 0.5, 0.99], requires_grad=True).tanh(), bins=4, min=-1, max=1),
          lambda: torch.tensor([1., 2.]).sum().view(1), lambda: torch.tensor(3).view(1, 1), lambda: torch.tensor([[1., 2.]]).sum(1, keepdims=True),
          lambda: torch.tensor([[1., 2.]]).mean(axis=1, keepdims=True), lambda: torch.amax(torch.tensor([[1., 2.]]), 1, keepdims=True),
          lambda: torch.zeros(2, 3).expand(4, 3), lambda: torch.zeros(2, 1).expand(2, 5).shape):
    attempt(f)

opt = torch.optim.SGD([nn.Parameter(torch.ones(1))], lr=5.0)
sched = torch.optim.lr_scheduler.StepLR(opt, 1.0, gamma=0.95)
opt.step()
sched.step()
print(sched.get_last_lr())
