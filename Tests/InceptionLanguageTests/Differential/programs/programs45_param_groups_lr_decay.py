import torch
import torch.nn as nn

torch.manual_seed(19)
model = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.Flatten(), nn.Linear(12, 2))
decay, no_decay = [], []
for name, p in model.named_parameters():
    (no_decay if p.ndim <= 1 else decay).append(p)
    print(name, "no_decay" if p.ndim <= 1 else "decay")
opt = torch.optim.SGD([{"params": decay, "weight_decay": 1e-2}, {"params": no_decay, "weight_decay": 0.0}], lr=0.1, momentum=0.9)
for i, g in enumerate(opt.param_groups):
    print(i, len(g["params"]), g["lr"], g["weight_decay"], g["momentum"], g["nesterov"], sorted(g.keys()))
sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=[lambda e: 0.5 ** e, lambda e: 1.0])
x = torch.randn(4, 2, 4, 4)
for epoch in range(3):
    loss = model(x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    print(epoch, [round(g["lr"], 5) for g in opt.param_groups], f"{loss.item():.5f}")
for g in opt.param_groups:
    g["lr"] *= 10
print([g["lr"] for g in opt.param_groups])
state = opt.state[model[0].weight]
print(list(state.keys()), state["momentum_buffer"].shape)
warm = torch.optim.SGD(model.parameters(), lr=0.1)
s1 = torch.optim.lr_scheduler.LinearLR(warm, start_factor=0.25, total_iters=2)
s2 = torch.optim.lr_scheduler.StepLR(warm, step_size=2, gamma=0.1)
seq = torch.optim.lr_scheduler.SequentialLR(warm, schedulers=[s1, s2], milestones=[2])
lrs = []
for _ in range(6):
    lrs.append(round(warm.param_groups[0]["lr"], 6))
    warm.step()
    seq.step()
print(lrs)
cyc = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
cl = torch.optim.lr_scheduler.CyclicLR(cyc, base_lr=0.01, max_lr=0.1, step_size_up=2)
print([round(cl.get_last_lr()[0], 4) for _ in range(5) if not cyc.step() and not cl.step()])
