import torch
import torch.nn as nn
import torch.nn.functional as F
# OneCycleLR (cosine and linear, two and three phases, momentum and beta1 cycled), LinearLR, ConstantLR, param_groups' params, x.new_* constructors
m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=10)
print(opt.param_groups[0]['lr'], opt.param_groups[0]['momentum'])
x = torch.randn(8, 2); y = torch.randn(8, 1)
for i in range(10):
    opt.zero_grad(); loss = F.mse_loss(m(x), y); loss.backward(); opt.step(); s.step()
    print(i, round(loss.item(), 6), s.get_last_lr(), opt.param_groups[0]['momentum'])
print(sorted(opt.param_groups[0].keys()))
try:
    s.step()
except ValueError as e:
    print(e)
m = nn.Linear(2, 1)
opt = torch.optim.Adam(m.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.01, epochs=2, steps_per_epoch=3, three_phase=True, anneal_strategy='linear')
for i in range(6):
    opt.zero_grad(); F.mse_loss(m(x), y).backward(); opt.step(); s.step()
    print(s.get_last_lr(), opt.param_groups[0]['betas'])
print(m.weight)
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=5, cycle_momentum=False, pct_start=0.5)
for i in range(5):
    opt.step(); s.step(); print(s.get_last_lr(), opt.param_groups[0]['momentum'])
for bad in [lambda: torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1), lambda: torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=5, pct_start=2),
            lambda: torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=5, anneal_strategy='exp')]:
    try:
        bad()
    except ValueError as e:
        print(e)
# warm-up schedules
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
s = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=4)
for i in range(6):
    opt.step(); s.step(); print(s.get_last_lr())
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
s = torch.optim.lr_scheduler.LinearLR(opt)
print(opt.param_groups[0]['lr'])
for i in range(6):
    opt.step(); s.step(); print(s.get_last_lr())
opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)
s = torch.optim.lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=2)
for i in range(4):
    print(opt.param_groups[0]['lr']); opt.step(); s.step()
for bad in [lambda: torch.optim.lr_scheduler.LinearLR(opt, start_factor=0), lambda: torch.optim.lr_scheduler.ConstantLR(opt, factor=2)]:
    try:
        bad()
    except ValueError as e:
        print(e)
# the group's params, and a momentum changed by hand is the one the next step uses
m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
print(len(opt.param_groups[0]['params']), opt.param_groups[0]['params'][1].shape)
for i in range(3):
    opt.zero_grad(); F.mse_loss(m(x), y).backward()
    torch.nn.utils.clip_grad_norm_(opt.param_groups[0]['params'], 1.0)
    opt.param_groups[0]['momentum'] = 0.9
    opt.step()
print(m.bias)
# new_* constructors take the tensor's dtype
v = torch.randn(2, 3)
print(v.new_zeros(2).shape, v.new_ones((1, 2)), v.new_tensor([1, 2]), v.new_full((2,), 7))
print(v.new_zeros(2, 3, dtype=torch.long), torch.tensor([1, 2]).new_ones(3), v.new_empty(0).shape, torch.tensor([True]).new_zeros(2))
