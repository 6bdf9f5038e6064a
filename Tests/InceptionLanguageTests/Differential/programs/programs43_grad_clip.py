# gradient clipping by norm and by value
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(5, 10), nn.Tanh(), nn.Linear(10, 1))
x = torch.randn(8, 5) * 10
y = torch.randn(8, 1) * 100
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
norms = [p.grad.norm(2).item() for p in model.parameters()]
print([f"{n:.3f}" for n in norms])
total = torch.norm(torch.stack([p.grad.detach().norm(2) for p in model.parameters()]), 2)
print(f"total norm manual: {total.item():.4f}")
ret = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(f"returned: {ret.item():.4f}", ret.dtype, ret.shape)
after = torch.norm(torch.stack([p.grad.norm() for p in model.parameters()]))
print(f"after: {after.item():.4f}")
ret2 = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(f"again: {ret2.item():.4f}")
# inf norm
for p in model.parameters():
    p.grad = torch.ones_like(p) * 3.0
r = nn.utils.clip_grad_norm_(model.parameters(), 2.0, norm_type=float('inf'))
print(r, model[0].bias.grad[:3])
# clip by value
for p in model.parameters():
    p.grad = torch.linspace(-2, 2, p.numel()).view_as(p)
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.5)
print(model[2].bias.grad, model[0].bias.grad)
print(model[0].weight.grad.min().item(), model[0].weight.grad.max().item())
# clip with hook
model.zero_grad()
for p in model.parameters():
    p.register_hook(lambda g: torch.clamp(g, -0.1, 0.1))
loss = nn.functional.mse_loss(model(x), y)
loss.backward()
print(max(p.grad.abs().max().item() for p in model.parameters()))
# training with clipping
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for step in range(5):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    gn = nn.utils.clip_grad_norm_(model.parameters(), 0.5)
    opt.step()
    print(f"step {step}: loss {loss.item():.2f} grad_norm {gn:.4f}")
print(nn.utils.clip_grad_norm_([], 1.0))
single = torch.randn(3, requires_grad=True)
single.grad = torch.tensor([3.0, 4.0, 0.0])
print(nn.utils.clip_grad_norm_(single, 1.0), single.grad)
# the _as methods take only a shape from the other tensor
p = torch.ones(2, 2, requires_grad=True)
a = torch.linspace(-2, 2, 4)
print(a.view_as(p).requires_grad, a.reshape_as(p).requires_grad, a[:2].expand_as(p).requires_grad, a.type_as(p).requires_grad)
q = torch.arange(4.0, requires_grad=True)
v = q.view_as(p)
print(v.grad_fn is not None, v.requires_grad)
(v * p).sum().backward()
print(q.grad, p.grad)
