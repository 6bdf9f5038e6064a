# Training-loop idioms: early stopping with a deepcopy of the best state_dict, clip_grad_norm_ /
# clip_grad_value_ and their return values, random_split / Subset / ConcatDataset /
# WeightedRandomSampler, zero_grad(set_to_none=…), freezing layers.
import copy
import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 1))
Xtr = torch.randn(64, 3); Ytr = (Xtr ** 2).sum(1, keepdim=True)
Xva = torch.randn(16, 3); Yva = (Xva ** 2).sum(1, keepdim=True)
opt = torch.optim.Adam(model.parameters(), lr=0.03)
best_loss = float("inf")
best_state = None
patience, bad = 3, 0
for epoch in range(40):
    model.train()
    opt.zero_grad()
    loss = nn.MSELoss()(model(Xtr), Ytr)
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        vl = nn.MSELoss()(model(Xva), Yva).item()
    if vl < best_loss - 1e-3:
        best_loss = vl
        best_state = copy.deepcopy(model.state_dict())
        best_epoch = epoch
        bad = 0
    else:
        bad += 1
        if bad >= patience:
            print(f"early stop at epoch {epoch}, best {best_epoch} val {best_loss:.4f}")
            break
    if epoch % 5 == 0:
        print(f"Epoch [{epoch+1}/40] train: {loss.item():.4f} val: {vl:.4f}")
model.load_state_dict(best_state)
model.eval()
with torch.no_grad():
    print(f"restored val {nn.MSELoss()(model(Xva), Yva).item():.4f}")
print(list(best_state.keys()))
print(best_state["0.weight"].requires_grad, model.training)
sd = model.state_dict()
sd2 = {k: v.clone() for k, v in sd.items()}
print(all(torch.equal(sd[k], sd2[k]) for k in sd))
r = model.load_state_dict(sd2, strict=True)
print(r)
import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(5, 10), nn.Tanh(), nn.Linear(10, 2))
x = torch.randn(16, 5) * 10
y = torch.randn(16, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for i in range(3):
    opt.zero_grad(set_to_none=True)
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    print(f"iter {i} loss {loss.item():.4f} total_norm {total.item():.4f} {type(total).__name__}")
    after = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
    print(f"  after {after.item():.4f}")
    opt.step()
loss = nn.functional.mse_loss(model(x), y)
opt.zero_grad()
loss.backward()
print(torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5, norm_type=float('inf')))
print(torch.nn.utils.clip_grad_norm_(model.parameters(), 100.0, norm_type=1))
r = torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01)
print(r)
print(max(p.grad.abs().max().item() for p in model.parameters()))
print(model[0].weight.grad[0])
p = nn.Parameter(torch.ones(3))
p.grad = torch.tensor([3.0, 4.0, 0.0])
print(nn.utils.clip_grad_norm_(p, 1.0), p.grad)
print(nn.utils.clip_grad_norm_([p], 10.0), p.grad)
q = nn.Parameter(torch.ones(2))
print(nn.utils.clip_grad_norm_([q], 1.0))
print(nn.utils.get_total_norm([torch.tensor([3.0, 4.0])]) if hasattr(nn.utils, "get_total_norm") else "none")
print(nn.utils.clip_grad_norm_(model.parameters(), 1.0, error_if_nonfinite=True))
import torch
from torch.utils.data import TensorDataset, DataLoader, random_split, Subset, ConcatDataset, WeightedRandomSampler
X = torch.arange(20).float().unsqueeze(1)
Y = torch.arange(20) % 3
ds = TensorDataset(X, Y)
train, val = random_split(ds, [15, 5])
print(len(train), len(val), type(train).__name__)
print(train.indices)
print(val.indices)
print(val[0])
g = torch.Generator().manual_seed(42)
a, b, c = random_split(ds, [0.5, 0.3, 0.2], generator=g)
print(len(a), len(b), len(c), a.indices, c.indices)
sub = Subset(ds, [0, 2, 4])
print(len(sub), sub[1], sub.dataset is ds)
cat = ConcatDataset([sub, val])
print(len(cat), cat[3], cat.cumulative_sizes)
for xb, yb in DataLoader(cat, batch_size=4):
    print(xb.squeeze(1).tolist(), yb.tolist())
counts = torch.bincount(Y)
weights = 1.0 / counts.float()
sample_w = weights[Y]
sampler = WeightedRandomSampler(sample_w, num_samples=12, replacement=True)
idx = list(sampler)
print(len(sampler), idx)
dl = DataLoader(ds, batch_size=4, sampler=sampler)
for xb, yb in dl:
    print(yb.tolist())
s2 = WeightedRandomSampler([0.1, 0.9, 0.0, 0.5], 3, replacement=False)
print(list(s2))
try:
    random_split(ds, [10, 5])
except ValueError as e:
    print("ValueError", e)
import torch
import torch.nn as nn
m = nn.Linear(3, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
m(torch.randn(4, 3)).sum().backward()
print(m.weight.grad)
opt.zero_grad(set_to_none=False)
print(m.weight.grad)
m(torch.randn(4, 3)).sum().backward()
opt.zero_grad()
print(m.weight.grad)
m(torch.randn(4, 3)).sum().backward()
m.zero_grad(set_to_none=False)
print(m.bias.grad)
m.zero_grad()
print(m.bias.grad)
opt.step()
print(m.bias)
for p in m.parameters():
    p.grad = None
m.requires_grad_(False)
print(m.weight.requires_grad)
out = m(torch.randn(1, 3))
print(out.requires_grad, out.grad_fn)
m.requires_grad_(True)
m.train(False)
print(m.training)
m.eval()
print(m.training)
m.train()
print(m.training)
for name, p in m.named_parameters():
    print(name, p.shape, p.requires_grad)
# freezing
net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
for p in net[0].parameters():
    p.requires_grad = False
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, net.parameters()), lr=0.1)
print(len(opt.param_groups[0]["params"]))
net(torch.randn(3, 2)).sum().backward()
print(net[0].weight.grad, net[1].weight.grad is not None)
