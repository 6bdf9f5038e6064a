import copy
import torch
import torch.nn as nn

torch.manual_seed(31)
model = nn.Linear(4, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
x = torch.randn(8, 4)
y = torch.randint(0, 2, (8,))
def epoch():
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    return loss.item()
for _ in range(3):
    epoch()
ckpt = {"epoch": 3, "model": copy.deepcopy(model.state_dict()), "opt": copy.deepcopy(opt.state_dict()), "sched": sched.state_dict()}
print(sorted(ckpt["sched"].keys()))
print(ckpt["sched"]["last_epoch"], ckpt["sched"]["_last_lr"], ckpt["opt"]["param_groups"][0]["lr"])
cont = [round(epoch(), 5) for _ in range(3)]
model2 = nn.Linear(4, 2)
opt2 = torch.optim.SGD(model2.parameters(), lr=0.1, momentum=0.9)
sched2 = torch.optim.lr_scheduler.StepLR(opt2, step_size=2, gamma=0.5)
model2.load_state_dict(ckpt["model"])
opt2.load_state_dict(ckpt["opt"])
sched2.load_state_dict(ckpt["sched"])
model, opt, sched = model2, opt2, sched2
resumed = [round(epoch(), 5) for _ in range(3)]
print(cont == resumed, cont)
print(sched.last_epoch, sched.get_last_lr(), opt.param_groups[0]["initial_lr"])
print(torch.allclose(opt.state[model.weight]["momentum_buffer"], opt.state[model.weight]["momentum_buffer"]))
