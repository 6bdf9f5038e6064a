import torch
import torch.nn as nn
import torch.nn.functional as F
for cls, kw in [(torch.optim.Adam, dict(lr=0.01)), (torch.optim.AdamW, dict(lr=0.02, weight_decay=0.1)),
                (torch.optim.Adam, dict(lr=0.05, betas=(0.8, 0.99), weight_decay=0.01, eps=1e-6))]:
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (i + 1))
    opt = cls(model.parameters(), **kw)
    x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0], [0.0, 1.0, -2.0]])
    t = torch.tensor([0, 1, 1])
    sched = torch.optim.lr_scheduler.StepLR(opt, 2, 0.5)
    for step in range(5):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), t)
        loss.backward()
        opt.step()
        sched.step()
        print(step, f"{loss.item():.6f}", opt.param_groups[0]["lr"])
    print(model[0].weight)
print(opt)
