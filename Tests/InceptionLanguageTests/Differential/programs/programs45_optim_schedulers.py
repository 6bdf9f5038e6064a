import torch
import torch.nn as nn

def make(seed=0):
    torch.manual_seed(seed)
    return nn.Linear(3, 1)

X = torch.linspace(-1, 1, 12).reshape(4, 3)
Y = X.sum(1, keepdim=True) * 0.5 + 0.1

configs = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.1)),
    ("sgd-mom", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1)),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99))),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.5)),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01)),
]
for name, mk in configs:
    model = make()
    opt = mk(model.parameters())
    losses = []
    for step in range(6):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        losses.append(round(loss.item(), 4))
    print(f"{name:>9}: {losses} w={model.weight.data.flatten().tolist()}")

model = make()
opt = torch.optim.SGD(model.parameters(), lr=1.0)
scheds = {
    "step": lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5),
    "cos": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=5, eta_min=0.1),
    "lambda": lambda o: torch.optim.lr_scheduler.LambdaLR(o, lr_lambda=lambda e: 1 / (1 + e)),
    "exp": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
    "multistep": lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[1, 3], gamma=0.1),
}
for name, mk in scheds.items():
    opt = torch.optim.SGD(model.parameters(), lr=1.0)
    s = mk(opt)
    lrs = []
    for epoch in range(6):
        opt.step()
        s.step()
        lrs.append(f"{s.get_last_lr()[0]:.4f}")
    print(name, " ".join(lrs))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
oc = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=8)
vals = []
for _ in range(8):
    vals.append(opt.param_groups[0]["lr"])
    opt.step()
    oc.step()
print(["%.4f" % v for v in vals])
print(opt.param_groups[0]["momentum"] if "momentum" in opt.param_groups[0] else None)
