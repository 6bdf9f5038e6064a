# weight decay vs no weight decay, L2 penalty manually vs optimizer
import torch
import torch.nn as nn
torch.manual_seed(0)
X = torch.randn(30, 10)
w_true = torch.zeros(10, 1)
w_true[:3] = torch.tensor([[1.5], [-2.0], [0.5]])
y = X @ w_true + 0.3 * torch.randn(30, 1)

def train(wd, manual=False, opt_name="sgd"):
    torch.manual_seed(1)
    model = nn.Linear(10, 1)
    if opt_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.05, weight_decay=0 if manual else wd)
    elif opt_name == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.05, weight_decay=wd)
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=0.05, weight_decay=wd)
    for _ in range(50):
        loss = ((model(X) - y) ** 2).mean()
        if manual:
            l2 = sum(p.pow(2.0).sum() for p in model.parameters())
            loss = loss + wd / 2 * l2
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model, loss.item()

for wd in [0.0, 0.01, 0.1, 1.0]:
    m, l = train(wd)
    print(f"wd={wd:<5} loss={l:.4f} |w|={m.weight.norm().item():.4f} bias={m.bias.item():+.4f}")
m1, _ = train(0.1)
m2, _ = train(0.1, manual=True)
print("sgd wd == manual L2:", torch.allclose(m1.weight, m2.weight, atol=1e-5))
for name in ["adam", "adamw"]:
    m, l = train(0.5, opt_name=name)
    print(name, f"{l:.4f}", f"{m.weight.norm():.4f}")
# per-group decay: no decay on bias
model = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8), nn.Linear(8, 2))
decay, no_decay = [], []
for n, p in model.named_parameters():
    if n.endswith("bias") or "1." in n:
        no_decay.append(n)
    else:
        decay.append(n)
print(decay, no_decay)
params = dict(model.named_parameters())
opt = torch.optim.AdamW([
    {"params": [params[n] for n in decay], "weight_decay": 0.01},
    {"params": [params[n] for n in no_decay], "weight_decay": 0.0},
], lr=1e-3)
for g in opt.param_groups:
    print(len(g["params"]), g["weight_decay"], g["lr"], g["betas"])
print(opt.defaults["weight_decay"])
