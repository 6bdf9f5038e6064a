import torch
import torch.nn as nn

def run(make_opt, make_sched, epochs=5, plateau=False):
    model = nn.Linear(3, 1)
    opt = make_opt(model.parameters())
    sched = make_sched(opt)
    x = torch.randn(8, 3); y = torch.randn(8, 1)
    for ep in range(epochs):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        if plateau:
            sched.step(1.0)
        else:
            sched.step()
        print(f"  epoch {ep+1:>2} lr={opt.param_groups[0]['lr']:.6f} loss={loss.item():.4f}")

torch.manual_seed(0)
cases = [
    ("Adam+StepLR", lambda p: torch.optim.Adam(p, lr=0.1), lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5), False),
    ("AdamW+MultiStep", lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1), lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[1, 3], gamma=0.1), False),
    ("RMSprop+Exp", lambda p: torch.optim.RMSprop(p, lr=0.01), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9), False),
    ("Adagrad+Cosine", lambda p: torch.optim.Adagrad(p, lr=0.1), lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.001), False),
    ("SGD+OneCycle", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=5), False),
    ("SGD+Plateau", lambda p: torch.optim.SGD(p, lr=0.1), lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, patience=1, factor=0.5), True),
]
for name, mo, ms, pl in cases:
    print(name)
    run(mo, ms, plateau=pl)
