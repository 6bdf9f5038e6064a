import torch
import torch.nn as nn
class Norm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(n))
        self.beta = nn.Parameter(torch.zeros(n), requires_grad=False)
        self.register_buffer("running", torch.zeros(n))
        self.register_buffer("tmp", torch.ones(n), persistent=False)
        self.lin = nn.Linear(n, 2)
    def forward(self, x):
        self.running = self.running + x.mean(0).detach()
        return self.lin(x * self.gamma + self.beta)
m = Norm(3)
print(list(m.state_dict().keys()))
print([n for n, p in m.named_parameters()])
print([n for n, b in m.named_buffers()])
print(m.beta.requires_grad, m.gamma.requires_grad, isinstance(m.gamma, nn.Parameter), isinstance(m.running, nn.Parameter))
with torch.no_grad():
    m.lin.weight.fill_(0.5)
    m.lin.bias.zero_()
x = torch.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
opt = torch.optim.SGD(m.parameters(), lr=0.1)
print(opt)
loss = m(x).pow(2).mean()
print(m.running)
loss.backward()
print(m.gamma.grad)
opt.step()
print(m.gamma)
print(sum(p.numel() for p in m.parameters() if p.requires_grad))
p2 = nn.Parameter(torch.tensor([1, 2]), requires_grad=False)
print(p2)
