import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingWarmRestarts, LinearLR, SequentialLR, ConstantLR

torch.manual_seed(0)
model = nn.Linear(4, 2)

def run(make, n=8, name=""):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sch = make(opt)
    lrs = []
    for _ in range(n):
        opt.step()
        sch.step()
        lrs.append(round(sch.get_last_lr()[0], 6))
    print(name, lrs)
    return sch

warm = 3
run(lambda o: LambdaLR(o, lambda e: min(1.0, (e + 1) / warm)), name="warmup")
run(lambda o: MultiStepLR(o, milestones=[2, 5], gamma=0.5), name="multistep")
run(lambda o: ExponentialLR(o, gamma=0.9), name="exp")
run(lambda o: CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01), n=10, name="warm_restarts")
run(lambda o: LinearLR(o, start_factor=0.25, total_iters=4), name="linear")
run(lambda o: ConstantLR(o, factor=0.5, total_iters=3), name="constant")
s = run(lambda o: SequentialLR(o, schedulers=[LinearLR(o, start_factor=0.1, total_iters=2), StepLR(o, step_size=2, gamma=0.5)], milestones=[3]), n=9, name="sequential")
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
sch = StepLR(opt, step_size=2, gamma=0.1)
print(sch.state_dict())
for e in range(5):
    opt.step(); sch.step()
print(sch.last_epoch, sch.get_last_lr(), opt.param_groups[0]['lr'])
sd = sch.state_dict()
sch2 = StepLR(torch.optim.AdamW(model.parameters(), lr=1e-3), step_size=7)
sch2.load_state_dict(sd)
print(sch2.step_size, sch2.last_epoch, sch2.base_lrs)
print(type(sch).__name__, isinstance(sch, torch.optim.lr_scheduler.LRScheduler))
print(opt.param_groups[0]['initial_lr'])
# load_state_dict takes back the saved options and base rates, as PyTorch's __dict__.update
for make, saved_from in [
    (lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[9], gamma=0.9),
     lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[1, 3, 3], gamma=0.5)),
    (lambda o: ExponentialLR(o, gamma=0.99), lambda o: ExponentialLR(o, gamma=0.5)),
    (lambda o: LinearLR(o, start_factor=0.9, total_iters=2), lambda o: LinearLR(o, start_factor=0.5, total_iters=6)),
]:
    o1 = torch.optim.SGD(model.parameters(), lr=0.2)
    src = saved_from(o1)
    for _ in range(2):
        o1.step(); src.step()
    o2 = torch.optim.SGD(model.parameters(), lr=0.2)
    dst = make(o2)
    dst.load_state_dict(src.state_dict())
    rates = []
    for _ in range(5):
        o2.step(); dst.step()
        rates.append(round(dst.get_last_lr()[0], 6))
    print(type(dst).__name__, dst.last_epoch, rates)
print(sch2.state_dict())
