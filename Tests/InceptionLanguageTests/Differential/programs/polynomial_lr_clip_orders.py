# PolynomialLR (and its state_dict); clip_grad_norm_ of any order (1, 0.5, 3, inf, 0); torch.cat's PyTorch message for mismatched sizes
import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Linear(4, 3)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=4, power=2.0)
for step in range(6):
    m(torch.randn(2, 4)).pow(2).sum().backward()
    for p in [1, 0.5, 3, float('inf'), 0]:
        print(step, p, round(torch.nn.utils.clip_grad_norm_(m.parameters(), 10.0, norm_type=p).item(), 4))
    opt.step(); opt.zero_grad(); sched.step()
    print(sched.get_last_lr())
print(sched.state_dict())
try:
    torch.cat([torch.ones(1, 2, 3, 3), torch.ones(1, 2, 4, 4)], 1)
except RuntimeError as e:
    print(e)
