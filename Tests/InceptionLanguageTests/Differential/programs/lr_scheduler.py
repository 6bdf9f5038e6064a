import math
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR, CosineAnnealingLR
import torch.optim as optim
w = nn.Linear(2, 1)
def rates(make, steps):
    opt = optim.SGD(w.parameters(), lr=0.1, momentum=0.9)
    s = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        s.step()
    return out, s.get_last_lr(), s.last_epoch
print(rates(lambda o: StepLR(o, step_size=8, gamma=0.96), 20))
print(rates(lambda o: optim.lr_scheduler.MultiStepLR(o, milestones=[2, 4, 4], gamma=0.5), 6))
print(rates(lambda o: optim.lr_scheduler.ExponentialLR(o, 0.9), 4))
print(rates(lambda o: CosineAnnealingLR(o, T_max=5), 12))
print(rates(lambda o: CosineAnnealingLR(o, T_max=4, eta_min=0.01), 6))
print(rates(lambda o: optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (e + 1)), 4))
