# learning-rate warmup via LambdaLR + cosine decay
import math
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
warmup_steps = 4
total_steps = 12

def lr_lambda(step):
    if step < warmup_steps:
        return float(step + 1) / float(warmup_steps)
    progress = float(step - warmup_steps) / float(max(1, total_steps - warmup_steps))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * progress)))

scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
print(scheduler.get_last_lr())
lrs = []
for step in range(total_steps):
    x = torch.randn(8, 4)
    loss = model(x).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    lrs.append(optimizer.param_groups[0]["lr"])
    scheduler.step()
    print(f"step {step:2d} lr {lrs[-1]:.6f} loss {loss.item():.4f}")
print(scheduler.last_epoch, scheduler.base_lrs)
print(f"{max(lrs):.2e} {min(lrs):.2e}")
# linear warmup with two groups
m2 = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
opt2 = torch.optim.SGD([{"params": m2[0].parameters()}, {"params": m2[1].parameters(), "lr": 0.5}], lr=0.1)
sch2 = torch.optim.lr_scheduler.LambdaLR(opt2, lr_lambda=[lambda e: 0.5 ** e, lambda e: e + 1])
for _ in range(3):
    opt2.step()
    sch2.step()
    print([round(g["lr"], 5) for g in opt2.param_groups], sch2.get_last_lr())
# warmup with LinearLR + SequentialLR
opt3 = torch.optim.SGD(model.parameters(), lr=1.0)
warm = torch.optim.lr_scheduler.LinearLR(opt3, start_factor=0.25, total_iters=3)
decay = torch.optim.lr_scheduler.ExponentialLR(opt3, gamma=0.5)
seq = torch.optim.lr_scheduler.SequentialLR(opt3, schedulers=[warm, decay], milestones=[3])
out = []
for _ in range(7):
    out.append(round(opt3.param_groups[0]["lr"], 5))
    opt3.step()
    seq.step()
print(out)
sd = scheduler.state_dict()
print(sorted(sd.keys()))
try:
    torch.optim.lr_scheduler.LambdaLR(opt2, [lambda e: 1.0])
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.lr_scheduler.MultiplicativeLR(opt2, [lambda e: 1.0] * 3)
except ValueError as e:
    print("ValueError:", e)
mul = torch.optim.lr_scheduler.MultiplicativeLR(opt2, (lambda e: 0.5, lambda e: 0.9))
for _ in range(2):
    opt2.step()
    mul.step()
print([round(lr, 6) for lr in mul.get_last_lr()], len(mul.state_dict()["lr_lambdas"]))
print(len(sch2.state_dict()["lr_lambdas"]))
