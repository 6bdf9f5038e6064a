# torch.optim.Adamax, NAdam, RAdam and Adadelta: PyTorch's updates (weight decay, decoupled
# weight decay, maximize, momentum_decay, RAdam before and after its variance is rectified at
# step 6), their reprs, state (NAdam's mu_product), option checks, parameter groups with a
# scheduler, and a state_dict carried over to a second optimiser.
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def run(make, steps=6):
    torch.manual_seed(1)
    m = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    opt = make(m.parameters())
    x = torch.randn(8, 3); y = torch.randint(0, 2, (8,))
    for _ in range(steps):
        opt.zero_grad(); F.cross_entropy(m(x), y).backward(); opt.step()
    print(m[0].weight, m[2].bias)
    return opt


o = run(lambda p: torch.optim.Adamax(p, lr=0.05))
print(o)
o = run(lambda p: torch.optim.Adamax(p, lr=0.05, weight_decay=0.1, maximize=True))
o = run(lambda p: torch.optim.NAdam(p, lr=0.05))
print(o)
print(o.state_dict()['state'][0]['mu_product'], o.state_dict()['state'][0]['step'])
o = run(lambda p: torch.optim.NAdam(p, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True, momentum_decay=0.01))
o = run(lambda p: torch.optim.NAdam(p, lr=0.05, weight_decay=0.1))
o = run(lambda p: torch.optim.RAdam(p, lr=0.05), steps=9)
print(o)
o = run(lambda p: torch.optim.RAdam(p, lr=0.05, betas=(0.8, 0.9), weight_decay=0.05), steps=9)
o = run(lambda p: torch.optim.RAdam(p, lr=0.05, weight_decay=0.05, decoupled_weight_decay=True), steps=9)
o = run(lambda p: torch.optim.Adadelta(p))
print(o)
o = run(lambda p: torch.optim.Adadelta(p, lr=0.5, rho=0.8, weight_decay=0.01))
print(sorted(o.state_dict()['state'][1].keys()))
for bad in [lambda p: torch.optim.NAdam(p, lr=-1), lambda p: torch.optim.RAdam(p, betas=(0.9, 1.0)), lambda p: torch.optim.Adadelta(p, rho=1.5), lambda p: torch.optim.Adamax(p, eps=-1), lambda p: torch.optim.NAdam(p, momentum_decay=-0.1)]:
    try:
        bad(nn.Linear(2, 2).parameters())
    except ValueError as e:
        print("ValueError:", e)

torch.manual_seed(1)
m = nn.Linear(3, 2)
opt = torch.optim.NAdam([{'params': [m.weight], 'lr': 0.1}, {'params': [m.bias]}], lr=0.01)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
x = torch.randn(5, 3)
for _ in range(3):
    opt.zero_grad(); m(x).pow(2).sum().backward(); opt.step(); sched.step()

saved = copy.deepcopy(opt.state_dict())
m2 = nn.Linear(3, 2); m2.load_state_dict(m.state_dict())
opt2 = torch.optim.NAdam([{'params': [m2.weight], 'lr': 0.1}, {'params': [m2.bias]}], lr=0.01)
opt2.load_state_dict(saved)
for o, mm in [(opt, m), (opt2, m2)]:
    o.zero_grad(); mm(x).pow(2).sum().backward(); o.step()
print(m.weight, m2.weight)
print(opt.param_groups[0]['lr'], opt2.param_groups[1]['lr'])
print(saved['param_groups'])
