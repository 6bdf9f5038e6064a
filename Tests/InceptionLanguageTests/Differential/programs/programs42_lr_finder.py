# Learning-rate range test (fast.ai / Leslie Smith): exponentially increasing lr set directly in
# param_groups, smoothed loss with bias correction, stop when the loss explodes, pick the lr at the
# steepest descent. Model state is restored afterwards from a deepcopy.
import copy
import math
import torch
import torch.nn as nn

X = torch.randn(64, 5)
true_w = torch.tensor([[1.5], [-2.0], [0.5], [0.0], [3.0]])
Y = X @ true_w + 0.1 * torch.randn(64, 1)
model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 1))
init_state = copy.deepcopy(model.state_dict())
opt = torch.optim.SGD(model.parameters(), lr=1e-5)
crit = nn.MSELoss()

start_lr, end_lr, num_iter = 1e-4, 10.0, 40
mult = (end_lr / start_lr) ** (1 / (num_iter - 1))
lr = start_lr
beta, avg_loss, best_loss = 0.9, 0.0, float("inf")
lrs, losses = [], []
for it in range(num_iter):
    for g in opt.param_groups:
        g["lr"] = lr
    idx = torch.randint(0, 64, (16,))
    opt.zero_grad()
    loss = crit(model(X[idx]), Y[idx])
    avg_loss = beta * avg_loss + (1 - beta) * loss.item()
    smoothed = avg_loss / (1 - beta ** (it + 1))
    if it > 0 and (smoothed > 4 * best_loss or math.isnan(smoothed)):
        print(f"stopping at iter {it}, lr {lr:.3e}")
        break
    best_loss = min(best_loss, smoothed)
    lrs.append(lr)
    losses.append(smoothed)
    loss.backward()
    opt.step()
    lr *= mult

print(len(lrs), f"{lrs[0]:.1e} .. {lrs[-1]:.3e}")
for i in range(0, len(lrs), 6):
    print(f"lr={lrs[i]:10.3e}  loss={losses[i]:8.4f}  log10={math.log10(lrs[i]):+.2f}")
t = torch.tensor(losses)
grads = t[1:] - t[:-1]
steep = int(grads.argmin())
print(f"steepest at {steep}: lr {lrs[steep]:.3e}")
mn = int(t.argmin())
print(f"min loss at {mn}: lr {lrs[mn]:.3e}, suggestion {lrs[mn] / 10:.3e}")

model.load_state_dict(init_state)
print(torch.equal(model[0].weight, init_state["0.weight"]))
opt = torch.optim.SGD(model.parameters(), lr=lrs[steep])
print(opt.param_groups[0]["lr"] == lrs[steep], opt.defaults["lr"] == lrs[steep])
for epoch in range(5):
    opt.zero_grad()
    l = crit(model(X), Y)
    l.backward()
    opt.step()
print(f"after 5 epochs {crit(model(X), Y).item():.4f}")
print(sorted(opt.param_groups[0].keys()))
