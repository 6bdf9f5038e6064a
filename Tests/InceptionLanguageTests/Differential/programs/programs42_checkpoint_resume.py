# Checkpoint and resume without files: a checkpoint dict (epoch, model, optimizer, scheduler, loss)
# kept with copy.deepcopy, restored into fresh objects; resumed training continues exactly like
# uninterrupted training (Adam moments and the scheduler's step count come back too).
import copy
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
X, Y = torch.randn(20, 4), torch.randn(20, 1)


def train_step(m, o, s):
    o.zero_grad()
    l = nn.functional.mse_loss(m(X), Y)
    l.backward()
    o.step()
    s.step()
    return l.item()


for _ in range(3):
    last = train_step(model, opt, sched)
ckpt = copy.deepcopy({"epoch": 3, "model_state_dict": model.state_dict(),
                      "optimizer_state_dict": opt.state_dict(),
                      "scheduler_state_dict": sched.state_dict(), "loss": last})
print(sorted(ckpt.keys()), ckpt["epoch"], round(ckpt["loss"], 5))
print(list(ckpt["model_state_dict"].keys()))
osd = ckpt["optimizer_state_dict"]
print(osd["param_groups"][0]["lr"], len(osd["state"]), sorted(osd["state"][0].keys()), osd["state"][0]["step"])
print(ckpt["scheduler_state_dict"]["last_epoch"], ckpt["scheduler_state_dict"]["_last_lr"])

model2 = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 1))
opt2 = torch.optim.Adam(model2.parameters(), lr=0.01)
sched2 = torch.optim.lr_scheduler.StepLR(opt2, step_size=2, gamma=0.5)
print(all(torch.equal(a, b) for a, b in zip(model.parameters(), model2.parameters())))
model2.load_state_dict(ckpt["model_state_dict"])
opt2.load_state_dict(ckpt["optimizer_state_dict"])
sched2.load_state_dict(ckpt["scheduler_state_dict"])
start_epoch = ckpt["epoch"]
print(all(torch.equal(a, b) for a, b in zip(model.parameters(), model2.parameters())))
print(opt2.param_groups[0]["lr"], sched2.get_last_lr())
for epoch in range(start_epoch, start_epoch + 4):
    l1 = train_step(model, opt, sched)
    l2 = train_step(model2, opt2, sched2)
    print(f"epoch {epoch}: {l1:.6f} {l2:.6f} equal={l1 == l2} lr={opt2.param_groups[0]['lr']}")
# the deepcopy is independent of later training
print(torch.equal(ckpt["model_state_dict"]["0.weight"], model[0].weight))
sd = model.state_dict()
print(sd["0.weight"].data_ptr() == model[0].weight.data_ptr())
sd_copy = {k: v.detach().clone() for k, v in sd.items()}
with torch.no_grad():
    model[0].weight.zero_()
print(sd["0.weight"].abs().sum().item() == 0, sd_copy["0.weight"].abs().sum().item() > 0)
model.load_state_dict(sd_copy)
print(model[0].weight.abs().sum().item() > 0)
missing = model2.load_state_dict({"0.weight": sd_copy["0.weight"]}, strict=False)
print(missing.missing_keys, missing.unexpected_keys)
try:
    model2.load_state_dict({"0.weight": torch.zeros(3, 3)}, strict=False)
except RuntimeError as e:
    print(str(e).splitlines()[0])
