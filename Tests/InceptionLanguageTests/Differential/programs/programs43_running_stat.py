# custom nn.Module with register_buffer and a running statistic
import torch
import torch.nn as nn
torch.manual_seed(0)

class RunningNorm(nn.Module):
    """Normalizes with an exponential moving average of mean/var, like BatchNorm1d."""
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum = momentum
        self.eps = eps
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("count", torch.tensor(0, dtype=torch.long))
        self.register_buffer("scratch", torch.zeros(1), persistent=False)
        self.gamma = nn.Parameter(torch.ones(num_features))
        self.beta = nn.Parameter(torch.zeros(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            var = x.var(0, unbiased=False)
            with torch.no_grad():
                n = x.size(0)
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
                self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * n / (n - 1))
                self.count += 1
        else:
            mean, var = self.running_mean, self.running_var
        return self.gamma * (x - mean) / torch.sqrt(var + self.eps) + self.beta

    def extra_repr(self):
        return f"{self.gamma.numel()}, momentum={self.momentum}"

rn = RunningNorm(4)
bn = nn.BatchNorm1d(4)
print(rn, bn)
for i in range(5):
    x = torch.randn(16, 4) * 3 + 1
    a = rn(x)
    b = bn(x)
    print(i, torch.allclose(a, b, atol=1e-5))
print(torch.allclose(rn.running_mean, bn.running_mean), torch.allclose(rn.running_var, bn.running_var, atol=1e-5))
print(rn.count, bn.num_batches_tracked)
rn.eval(); bn.eval()
x = torch.randn(3, 4)
print(torch.allclose(rn(x), bn(x), atol=1e-5))
print(list(rn.state_dict().keys()))
print([n for n, _ in rn.named_buffers()])
print([n for n, _ in rn.named_parameters()])
sd = rn.state_dict()
print(sd["count"], sd["running_mean"].requires_grad)
rn2 = RunningNorm(4)
print(rn2.load_state_dict(sd))
print(torch.equal(rn2.running_var, rn.running_var))
print(rn.running_mean.round(decimals=3))

class EMAMeter:
    def __init__(self, beta=0.9):
        self.beta = beta
        self.value = None
        self.steps = 0
    def update(self, v):
        self.steps += 1
        self.value = v if self.value is None else self.beta * self.value + (1 - self.beta) * v
        return self.value / (1 - self.beta ** self.steps) if False else self.value

m = EMAMeter()
for v in torch.arange(1.0, 6.0):
    m.update(v.item())
print(round(m.value, 6))
class Counter(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("calls", torch.zeros((), dtype=torch.int64))
    def forward(self, x):
        self.calls += 1
        return x * 2
c = Counter()
for _ in range(3):
    c(torch.ones(2))
print(c.calls, c.calls.item(), c.state_dict())
c.register_buffer("none_buf", None)
print(list(c.state_dict().keys()), c.none_buf)
