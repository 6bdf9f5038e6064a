import torch

w = torch.nn.Parameter(torch.zeros(2))
opt = torch.optim.Adam([w], lr=0.1)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1, threshold=0.01, min_lr=0.01)
val_losses = [1.0, 0.9, 0.95, 0.91, 0.89, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7]
best, bad = float("inf"), 0
for epoch, v in enumerate(val_losses):
    sched.step(v)
    lr = opt.param_groups[0]["lr"]
    if v < best - 1e-3:
        best, bad = v, 0
        tag = "*"
    else:
        bad += 1
        tag = ""
    print(f"epoch {epoch:2d} val={v:.2f} lr={lr:.4g} bad={bad}{tag}")
    if bad >= 4:
        print(f"early stop at epoch {epoch}, best={best}")
        break
print(sched.num_bad_epochs, sched.best)
sd = sched.state_dict()
print(sorted(k for k in sd if not k.startswith("_")))
max_sched = torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([w], lr=1.0), mode="max", patience=0, factor=0.1)
for acc in [0.5, 0.6, 0.6, 0.55, 0.7]:
    max_sched.step(acc)
    print(acc, max_sched.optimizer.param_groups[0]["lr"])
