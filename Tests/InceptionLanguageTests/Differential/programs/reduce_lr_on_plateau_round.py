import torch
w = torch.nn.Parameter(torch.ones(2))
for kw in [dict(patience=0, factor=0.5), dict(mode="max", patience=1, cooldown=1, threshold=0.1, threshold_mode="abs", min_lr=0.02)]:
    opt = torch.optim.SGD([w], lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kw)
    for v in [1.0, 0.9, 0.95, 0.95, 0.96, 0.5, 0.5, 0.5, 1.2, 1.2, 1.2]:
        sched.step(torch.tensor(v))
        print(round(opt.param_groups[0]["lr"], 6), sched.num_bad_epochs, end="; ")
    print(sched.best)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5, 0), round(-0.0015625, 6), round(123.456, -1), round(1e20, 2))
