import torch
import torch.nn as nn
import torch.nn.functional as F
# SequentialLR (a linear warm-up, then cosine; three schedules in a row; over two parameter
# groups with LambdaLR and MultiStepLR), CosineAnnealingWarmRestarts with T_mult and fractional
# epochs, and a second scheduler made on the same optimizer taking its base from initial_lr
def block(title):
    print('--', title)
block('warm-up then cosine')
m = nn.Linear(2, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=2)
cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=3)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, cos], milestones=[2])
print(s.get_last_lr())
for i in range(6):
    opt.step(); s.step(); print(round(s.get_last_lr()[0], 6))
block('warm restarts')
m = nn.Linear(2, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2, eta_min=0.001)
for i in range(8):
    opt.step(); s.step(); print(round(s.get_last_lr()[0], 6), s.T_cur, s.T_i)
for e in [0.5, 2.5, 7.25, 14]:
    s.step(e); print(round(s.get_last_lr()[0], 6), s.last_epoch)
block('three in a row')
m = nn.Linear(2, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
a = torch.optim.lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=2)
b = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
c = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
s = torch.optim.lr_scheduler.SequentialLR(opt, [a, b, c], milestones=[2, 5])
for i in range(9):
    opt.step(); s.step(); print(i, round(s.get_last_lr()[0], 6), [round(g['lr'], 6) for g in opt.param_groups])
block('two groups')
m = nn.Linear(2, 2)
opt = torch.optim.SGD([{'params': m.weight}, {'params': m.bias, 'lr': 1.0}], lr=0.1)
warm = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: (e + 1) / 3)
cos = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[1, 2], gamma=0.1)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, cos], milestones=[3])
for i in range(6):
    opt.step(); s.step(); print([round(x, 6) for x in s.get_last_lr()])
m = nn.Linear(2, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
first = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.5, total_iters=2)
second = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
print(second.base_lrs, opt.param_groups[0]['initial_lr'], opt.param_groups[0]['lr'])
try:
    torch.optim.lr_scheduler.SequentialLR(opt, [first, second], milestones=[1, 2])
except ValueError as e:
    print(type(e).__name__, str(e)[:60])
