# get_last_lr() is the scheduler's _last_lr: the rates after its construction and its last step(),
# not what the program has since written into param_groups by hand.
import torch
import torch.nn as nn
from torch.optim import lr_scheduler as S


def fresh(opt_class=torch.optim.SGD, **kw):
    torch.manual_seed(0)
    return opt_class(nn.Linear(2, 2).parameters(), lr=0.1, **kw)


makers = {
    "StepLR": lambda o: S.StepLR(o, step_size=1, gamma=0.5),
    "MultiStepLR": lambda o: S.MultiStepLR(o, milestones=[1, 2], gamma=0.5),
    "ExponentialLR": lambda o: S.ExponentialLR(o, gamma=0.9),
    "CosineAnnealingLR": lambda o: S.CosineAnnealingLR(o, T_max=4),
    "LambdaLR": lambda o: S.LambdaLR(o, lambda e: 1 / (e + 1)),
    "LinearLR": lambda o: S.LinearLR(o, start_factor=0.5, total_iters=3),
    "ConstantLR": lambda o: S.ConstantLR(o, factor=0.5, total_iters=2),
    "OneCycleLR": lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=10),
    "CyclicLR": lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2),
    "CosineAnnealingWarmRestarts": lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3),
    "SequentialLR": lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=1), S.ExponentialLR(o, gamma=0.9)], milestones=[2]),
}
for name, make in makers.items():
    opt = fresh(momentum=0.9)
    sched = make(opt)
    print(name, "made", [round(r, 6) for r in sched.get_last_lr()])
    opt.step()
    sched.step()
    print(name, "stepped", [round(r, 6) for r in sched.get_last_lr()])
    opt.param_groups[0]["lr"] = 0.123
    print(name, "after a hand-set rate", [round(r, 6) for r in sched.get_last_lr()], opt.param_groups[0]["lr"])
    opt.step()
    sched.step()
    print(name, "stepped again", [round(r, 6) for r in sched.get_last_lr()], round(opt.param_groups[0]["lr"], 6))

opt = fresh()
plateau = S.ReduceLROnPlateau(opt, patience=0, factor=0.5)
for metric in [1.0, 2.0, 3.0]:
    plateau.step(metric)
    print("plateau", metric, plateau.get_last_lr())
opt.param_groups[0]["lr"] = 0.7
print("plateau after a hand-set rate", plateau.get_last_lr())

# _last_lr saved and taken back
opt = fresh()
a = S.StepLR(opt, step_size=1, gamma=0.5)
opt.step(); a.step()
opt.param_groups[0]["lr"] = 0.9
state = a.state_dict()
print("saved _last_lr", state["_last_lr"], "last_epoch", state["last_epoch"])
opt2 = fresh()
b = S.StepLR(opt2, step_size=1, gamma=0.5)
b.load_state_dict(state)
print("loaded", b.get_last_lr(), b.last_epoch)
