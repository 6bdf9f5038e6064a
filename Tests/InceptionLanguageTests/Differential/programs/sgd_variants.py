import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.optim.SGD's options beyond momentum and weight decay: Nesterov, dampening, maximize;
# their param_groups and repr, and PyTorch's refusal of Nesterov without momentum
def run(**options):
    torch.manual_seed(1)
    m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    opt = torch.optim.SGD(m.parameters(), **options)
    x = torch.randn(5, 4); t = torch.tensor([0, 1, 1, 0, 1])
    losses = []
    for _ in range(4):
        opt.zero_grad()
        loss = F.cross_entropy(m(x), t)
        loss.backward(); opt.step()
        losses.append(round(loss.item(), 5))
    print(options, losses)
    print(m[2].weight)
    return opt
opt = run(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)
print(opt)
print(opt.param_groups[0]['nesterov'], opt.param_groups[0]['dampening'])
run(lr=0.1, momentum=0.9, dampening=0.5)
run(lr=0.05, momentum=0.5, dampening=0.1, weight_decay=0.01)
run(lr=0.1, maximize=True)
run(lr=0.1, momentum=0.9, maximize=True, nesterov=True)
for bad in [dict(lr=0.1, nesterov=True), dict(lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)]:
    try:
        torch.optim.SGD(nn.Linear(2, 2).parameters(), **bad)
    except ValueError as e:
        print(type(e).__name__, e)
