import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
opt = torch.optim.SGD([
    {"params": model[0].parameters(), "lr": 0.01},
    {"params": model[2].parameters()},
], lr=0.1, momentum=0.9)
for i, g in enumerate(opt.param_groups):
    print(i, g["lr"], g["momentum"], len(g["params"]), sorted(k for k in g if k != "params"))
for g in opt.param_groups:
    g["lr"] *= 0.5
print([g["lr"] for g in opt.param_groups])
x = torch.randn(5, 4); t = torch.tensor([0, 1, 0, 1, 1])
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), t)
    loss.backward()
    opt.step()
    print(f"step {step}: loss={loss.item():.5f}")
sd = opt.state_dict()
print(list(sd.keys()), [g["params"] for g in sd["param_groups"]])
print(sorted(sd["state"].keys()), list(sd["state"][0].keys()))
print(opt.defaults["lr"], opt.defaults["momentum"])
