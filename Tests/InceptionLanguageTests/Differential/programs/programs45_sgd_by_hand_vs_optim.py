import torch
import torch.nn as nn

torch.manual_seed(26)
model = nn.Linear(3, 2)
ref = nn.Linear(3, 2)
ref.load_state_dict(model.state_dict())
x = torch.randn(8, 3)
t = torch.randn(8, 2)
lr, mom, wd = 0.1, 0.9, 0.01
opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mom, weight_decay=wd)
bufs = {}
for step in range(4):
    opt.zero_grad()
    nn.functional.mse_loss(model(x), t).backward()
    opt.step()
    ref.zero_grad()
    nn.functional.mse_loss(ref(x), t).backward()
    with torch.no_grad():
        for name, p in ref.named_parameters():
            g = p.grad + wd * p
            if name not in bufs:
                bufs[name] = g.clone()
            else:
                bufs[name].mul_(mom).add_(g)
            p.add_(bufs[name], alpha=-lr)
    diff = max((a - b).abs().max().item() for a, b in zip(model.parameters(), ref.parameters()))
    print(step, diff < 1e-6)
adam_model = nn.Linear(3, 2)
w = adam_model.weight.detach().clone()
opt = torch.optim.Adam([adam_model.weight], lr=0.01, betas=(0.9, 0.999), eps=1e-8)
m = torch.zeros_like(w)
v = torch.zeros_like(w)
for k in range(1, 4):
    opt.zero_grad()
    loss = (adam_model(x) ** 2).sum()
    loss.backward()
    g = adam_model.weight.grad
    opt.step()
    gg = 2 * ((x @ w.T + adam_model.bias.detach()).T @ x)
    m = 0.9 * m + 0.1 * gg
    v = 0.999 * v + 0.001 * gg * gg
    mh = m / (1 - 0.9 ** k)
    vh = v / (1 - 0.999 ** k)
    w = w - 0.01 * mh / (vh.sqrt() + 1e-8)
    print(k, torch.allclose(w, adam_model.weight, atol=1e-5), f"{loss.item():.3f}")
print(opt.state[adam_model.weight]["step"], sorted(opt.state[adam_model.weight].keys()))
