import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.optim.RMSprop (plain, centered with momentum and weight decay) and Adagrad (lr_decay, weight decay, initial accumulator): losses and weights over five steps, reprs, param_groups key order, a scheduler driving RMSprop, messages
torch.manual_seed(0)
for make in [lambda p: torch.optim.RMSprop(p, lr=0.01), lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, centered=True, weight_decay=0.1),
             lambda p: torch.optim.Adagrad(p, lr=0.1), lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1)]:
    m = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
    opt = make(m.parameters())
    x = torch.randn(16, 3); y = x.sum(1, keepdim=True)
    for i in range(5):
        opt.zero_grad(); l = F.mse_loss(m(x), y); l.backward(); opt.step()
        print(round(l.item(), 6))
    print(m[2].bias)
print(torch.optim.RMSprop(nn.Linear(1, 1).parameters()))
print(torch.optim.Adagrad(nn.Linear(1, 1).parameters(), lr=0.5))
print(list(torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1).param_groups[0].keys()))
print(list(torch.optim.Adam(nn.Linear(1, 1).parameters()).param_groups[0].keys()))
print(list(torch.optim.RMSprop(nn.Linear(1, 1).parameters()).param_groups[0].keys()))
try:
    torch.optim.RMSprop(nn.Linear(1, 1).parameters(), lr=-1)
except ValueError as e:
    print(e)
m = nn.Linear(2, 1)
opt = torch.optim.RMSprop(m.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.StepLR(opt, 1, 0.5)
for i in range(3):
    opt.zero_grad(); m(torch.ones(1, 2)).sum().backward(); opt.step(); s.step()
print(m.weight, s.get_last_lr())
