# CyclicLR (triangular, triangular2, exp_range, a scale_fn of the program's, momentum or Adam's β₁
# cycled the other way) and MultiplicativeLR, printed as course notebooks print them
import torch
from torch import nn, optim
from torch.optim import lr_scheduler

model = nn.Linear(3, 1)
x, y = torch.randn(16, 3), torch.randn(16, 1)

def sgd():
    return optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

opt = sgd()
s = lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=2)
print(s.get_last_lr(), opt.param_groups[0]["momentum"], opt.param_groups[0]["initial_lr"])
for i in range(9):
    opt.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    opt.step()
    s.step()
    print(i, s.get_last_lr(), round(opt.param_groups[0]["momentum"], 6), s.last_epoch)
print(sorted(k for k in opt.param_groups[0] if k != "params"))

for mode, extra in [("triangular2", {}), ("exp_range", {"gamma": 0.9})]:
    opt = sgd()
    s = lr_scheduler.CyclicLR(opt, 0.001, 0.01, step_size_up=3, step_size_down=2, mode=mode, **extra)
    rates = []
    for _ in range(12):
        opt.step(); s.step(); rates.append(f"{s.get_last_lr()[0]:.6f}")
    print(mode, rates)

opt = optim.Adam(model.parameters(), lr=1e-3)
s = lr_scheduler.CyclicLR(opt, base_lr=1e-4, max_lr=1e-2, step_size_up=4, scale_fn=lambda c: 1 / c, scale_mode="cycle")
for i in range(10):
    opt.step(); s.step()
print(s.get_last_lr(), opt.param_groups[0]["betas"])

opt = optim.SGD([{"params": [model.weight]}, {"params": [model.bias], "lr": 0.5}], lr=0.1, momentum=0.5)
s = lr_scheduler.CyclicLR(opt, base_lr=[0.01, 0.02], max_lr=[0.1, 0.2], step_size_up=3, cycle_momentum=False)
for i in range(4):
    opt.step(); s.step()
print(s.get_last_lr(), [g["momentum"] for g in opt.param_groups])

for make in [lambda: lr_scheduler.CyclicLR(optim.Adagrad(model.parameters()), 0.01, 0.1),
             lambda: lr_scheduler.CyclicLR(sgd(), 0.01, 0.1, mode="cosine"),
             lambda: lr_scheduler.CyclicLR(sgd(), [0.01, 0.02], 0.1)]:
    try:
        make()
    except ValueError as e:
        print("ValueError:", e)

opt = sgd()
s = lr_scheduler.MultiplicativeLR(opt, lr_lambda=lambda epoch: 0.95)
for epoch in range(4):
    opt.step(); s.step()
    print(epoch, s.get_last_lr())
opt = sgd()
s = lr_scheduler.MultiplicativeLR(opt, lambda e: 0.5 if e % 2 == 0 else 1.0)
for epoch in range(5):
    opt.step(); s.step()
print(s.get_last_lr(), s.last_epoch, sorted(s.state_dict()))
