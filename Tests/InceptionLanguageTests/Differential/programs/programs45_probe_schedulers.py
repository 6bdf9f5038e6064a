import torch
w = torch.nn.Parameter(torch.zeros(1))
def trace(make, steps=8, lr=1.0, **opt_kw):
    opt = torch.optim.SGD([w], lr=lr, **opt_kw)
    s = make(opt)
    out = []
    for _ in range(steps):
        out.append(round(opt.param_groups[0]["lr"], 5))
        opt.step()
        s.step()
    return out
S = torch.optim.lr_scheduler
probes = [
    lambda: trace(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.1), 10),
    lambda: trace(lambda o: S.PolynomialLR(o, total_iters=4, power=2.0)),
    lambda: trace(lambda o: S.ConstantLR(o, factor=0.5, total_iters=3)),
    lambda: trace(lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.1, total_iters=2), S.ExponentialLR(o, gamma=0.9)])),
    lambda: trace(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=8, anneal_strategy="linear"), momentum=0.9),
    lambda: trace(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=9, three_phase=True), momentum=0.9),
    lambda: trace(lambda o: S.OneCycleLR(o, max_lr=0.5, epochs=2, steps_per_epoch=4, pct_start=0.25, div_factor=10, final_div_factor=100), momentum=0.9),
    lambda: trace(lambda o: S.CyclicLR(o, base_lr=0.1, max_lr=1.0, step_size_up=2, mode="triangular2"), 10, momentum=0.9),
    lambda: trace(lambda o: S.CyclicLR(o, base_lr=0.1, max_lr=1.0, step_size_up=2, mode="exp_range", gamma=0.9), 10, momentum=0.9),
    lambda: trace(lambda o: S.MultiplicativeLR(o, lr_lambda=lambda e: 0.8)),
    lambda: trace(lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=4)),
    lambda: trace(lambda o: S.CosineAnnealingLR(o, T_max=3), 10),
    lambda: trace(lambda o: S.StepLR(o, 3, gamma=0.1), lr=0.5),
    lambda: trace(lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.1, total_iters=3), S.CosineAnnealingLR(o, T_max=5)], milestones=[3])),
]
for i, p in enumerate(probes):
    try:
        print(i, p())
    except Exception as e:
        print(i, type(e).__name__, str(e).splitlines()[0])
opt = torch.optim.SGD([w], lr=1.0)
plat = S.ReduceLROnPlateau(opt, patience=1, cooldown=2, factor=0.5)
out = []
for v in [5, 5, 5, 5, 5, 5, 5, 5, 5]:
    plat.step(v)
    out.append((opt.param_groups[0]["lr"], plat.cooldown_counter, plat.num_bad_epochs))
print(out)
print(plat.patience, plat.cooldown, plat.factor, plat.mode, plat.threshold, plat.threshold_mode, plat.eps, plat.min_lrs, plat.in_cooldown, plat.best)
