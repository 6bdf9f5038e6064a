# Gradient accumulation over micro-batches: the accumulated (loss / steps) gradients match one
# full-batch step, the optimizer only steps every N micro-batches, and clip_grad_norm_ returns the
# total norm before clipping.
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
ref = copy.deepcopy(model)
X = torch.randn(12, 4)
Y = torch.randn(12, 2)
loss_fn = nn.MSELoss()

# full batch gradients
ref.zero_grad()
loss_fn(ref(X), Y).backward()
full = [p.grad.clone() for p in ref.parameters()]

# accumulate 3 micro-batches of 4
accum_steps = 3
model.zero_grad()
for i, (xb, yb) in enumerate(zip(X.chunk(accum_steps), Y.chunk(accum_steps))):
    loss = loss_fn(model(xb), yb) / accum_steps
    loss.backward()
    print(f"micro {i} loss {loss.item():.5f} grad norm so far {model[0].weight.grad.norm().item():.5f}")
acc = [p.grad for p in model.parameters()]
print(all(torch.allclose(a, f, atol=1e-6) for a, f in zip(acc, full)))
print(max((a - f).abs().max().item() for a, f in zip(acc, full)) < 1e-6)

# training loop with accumulation + clipping
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
opt.zero_grad()
micro = 2
steps_taken = 0
for epoch in range(3):
    perm = torch.randperm(12)
    for i, start in enumerate(range(0, 12, 3)):
        idx = perm[start:start + 3]
        out = model(X[idx])
        (loss_fn(out, Y[idx]) / micro).backward()
        if (i + 1) % micro == 0:
            total_norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
            after = torch.norm(torch.stack([p.grad.norm(2) for p in model.parameters()]), 2)
            print(f"epoch {epoch} step {steps_taken}: norm {total_norm.item():.4f} -> {after.item():.4f}")
            opt.step()
            opt.zero_grad(set_to_none=True)
            steps_taken += 1
    with torch.no_grad():
        print(f"epoch {epoch} full loss {loss_fn(model(X), Y).item():.5f}")
print(steps_taken, model[0].weight.grad)
n = nn.utils.clip_grad_norm_([p for p in model.parameters()], 1.0)
print(n)
model(X).sum().backward()
n_inf = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0, norm_type=float("inf"))
print(type(n_inf).__name__, n_inf.dim(), round(n_inf.item(), 4))
v = nn.utils.clip_grad_value_(model.parameters(), clip_value=0.05)
print(v, model[2].bias.grad.abs().max().item() <= 0.05)
vec = nn.utils.parameters_to_vector(model.parameters())
print(vec.shape, vec.requires_grad)
