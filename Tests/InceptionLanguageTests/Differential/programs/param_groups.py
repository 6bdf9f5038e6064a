import torch
import torch.nn as nn
import torch.nn.functional as F
# Optimisers over parameter groups: a smaller learning rate for the early layers than for the
# head (fine-tuning), groups' own options over the constructor's, param_groups and repr,
# schedulers that move every group, and PyTorch's refusals
def model():
    torch.manual_seed(3)
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(16, 3))
x = torch.randn(4, 1, 4, 4); t = torch.tensor([0, 1, 2, 1])
m = model()
opt = torch.optim.SGD([{'params': m[0].parameters(), 'lr': 0.01},
                       {'params': m[3].parameters(), 'weight_decay': 1e-3}], lr=0.1, momentum=0.9)
print(opt)
print([list(g.keys()) for g in opt.param_groups])
print([len(g['params']) for g in opt.param_groups], [g['lr'] for g in opt.param_groups])
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for step in range(4):
    opt.zero_grad()
    loss = F.cross_entropy(m(x), t)
    loss.backward(); opt.step(); sched.step()
    print(step, round(loss.item(), 5), sched.get_last_lr(), [g['initial_lr'] for g in opt.param_groups])
print(m[0].bias, m[3].bias)
m = model()
opt = torch.optim.Adam([{'params': [m[0].weight, m[0].bias], 'lr': 1e-3}, {'params': m[3].parameters()}], lr=1e-2, betas=(0.8, 0.99))
cyc = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[0.01, 0.1], total_steps=5)
for step in range(4):
    opt.zero_grad(); F.cross_entropy(m(x), t).backward(); opt.step(); cyc.step()
    print(step, [round(lr, 6) for lr in cyc.get_last_lr()], [tuple(round(b, 4) for b in g['betas']) for g in opt.param_groups])
print(m[3].bias)
m = model()
opt = torch.optim.SGD([{'params': m[0].parameters()}, {'params': m[3].parameters(), 'lr': 0.5}], lr=0.1)
plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=0)
for v in [1.0, 1.0, 0.5, 0.6]:
    plateau.step(v); print(plateau.get_last_lr())
opt = torch.optim.RMSprop([{'params': m[0].parameters(), 'alpha': 0.9}, {'params': m[3].weight}], lr=0.01)
opt.zero_grad(); F.cross_entropy(m(x), t).backward(); opt.step()
print(opt.param_groups[0]['alpha'], opt.param_groups[1]['alpha'], m[3].weight[0, :4])
for bad in [lambda: torch.optim.SGD([{'params': m[0].parameters()}, {'params': m[0].parameters()}], lr=0.1),
            lambda: torch.optim.SGD([{'lr': 0.1}], lr=0.1)]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
