# Learning-rate schedules in training loops: ReduceLROnPlateau fed a validation loss (mode, factor,
# patience, threshold, cooldown, min_lr), SequentialLR warmup -> cosine, ChainedScheduler,
# LambdaLR warmup, OneCycleLR and CosineAnnealingWarmRestarts, printing lr per epoch.
import torch
import torch.nn as nn
from torch.optim import lr_scheduler

model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
plateau = lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=2, threshold=1e-2, cooldown=1, min_lr=0.01)
val_losses = [1.0, 0.9, 0.89, 0.895, 0.9, 0.91, 0.7, 0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77]
for epoch, vl in enumerate(val_losses):
    plateau.step(vl)
    print(f"epoch {epoch:2d} val {vl:.3f} lr {opt.param_groups[0]['lr']:.4f} bad {plateau.num_bad_epochs} best {plateau.best:.3f}")
print(plateau.get_last_lr())

acc_opt = torch.optim.Adam(model.parameters(), lr=1e-3)
acc_sched = lr_scheduler.ReduceLROnPlateau(acc_opt, mode="max", factor=0.1, patience=0)
for acc in [0.5, 0.6, 0.6, 0.55, 0.7]:
    acc_sched.step(acc)
    print(f"acc {acc} -> lr {acc_opt.param_groups[0]['lr']:.0e}")

opt = torch.optim.SGD(model.parameters(), lr=0.1)
warm = lr_scheduler.LinearLR(opt, start_factor=0.1, end_factor=1.0, total_iters=3)
cos = lr_scheduler.CosineAnnealingLR(opt, T_max=5, eta_min=0.001)
seq = lr_scheduler.SequentialLR(opt, schedulers=[warm, cos], milestones=[3])
lrs = []
for epoch in range(9):
    opt.step()
    lrs.append(round(seq.get_last_lr()[0], 6))
    seq.step()
print("sequential:", lrs)

opt = torch.optim.SGD(model.parameters(), lr=1.0)
chain = lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(opt, factor=0.5, total_iters=2),
                                       lr_scheduler.ExponentialLR(opt, gamma=0.9)])
out = []
for epoch in range(5):
    opt.step()
    out.append(f"{opt.param_groups[0]['lr']:.4f}")
    chain.step()
print("chained:", " ".join(out))

opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.01)
warmup = 4
lam = lambda step: min(1.0, (step + 1) / warmup) * 0.95 ** max(0, step - warmup)
sched = lr_scheduler.LambdaLR(opt, lr_lambda=lam)
print("lambda:", [round(sched.get_last_lr()[0], 6) for _ in range(8) if not opt.step() and not sched.step()])

opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
one = lr_scheduler.OneCycleLR(opt, max_lr=0.5, total_steps=10)
vals = []
for i in range(10):
    vals.append((round(opt.param_groups[0]["lr"], 5), round(opt.param_groups[0]["momentum"], 4)))
    opt.step()
    one.step()
print("onecycle:", vals)

opt = torch.optim.SGD(model.parameters(), lr=0.2)
wr = lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2, eta_min=0.0)
res = []
for epoch in range(10):
    res.append(round(opt.param_groups[0]["lr"], 5))
    opt.step()
    wr.step()
print("restarts:", res)
print(type(seq).__name__, isinstance(seq, lr_scheduler.LRScheduler))
