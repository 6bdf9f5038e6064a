# K-fold cross-validation from scratch: torch.randperm folds, index_select / boolean masks,
# a fresh model per fold (reset_parameters), per-fold metrics, mean and std across folds.
import torch
import torch.nn as nn
import statistics

N, K = 30, 5
X = torch.randn(N, 3)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).long()
print("class balance:", torch.bincount(y).tolist())
perm = torch.randperm(N)
folds = torch.chunk(perm, K)
print([len(f) for f in folds])
print(torch.cat(folds).sort().values.equal(torch.arange(N)))

model = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 2))


def reset(m):
    if hasattr(m, "reset_parameters"):
        m.reset_parameters()


scores = []
for k, val_idx in enumerate(folds):
    mask = torch.ones(N, dtype=torch.bool)
    mask[val_idx] = False
    train_idx = torch.nonzero(mask, as_tuple=True)[0]
    assert len(set(train_idx.tolist()) & set(val_idx.tolist())) == 0
    Xtr, ytr = X.index_select(0, train_idx), y[train_idx]
    Xva, yva = X[val_idx], y[val_idx]
    model.apply(reset)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    for epoch in range(25):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(Xtr), ytr)
        loss.backward()
        opt.step()
    with torch.no_grad():
        pred = model(Xva).argmax(1)
        acc = (pred == yva).float().mean().item()
    scores.append(acc)
    print(f"fold {k + 1}/{K}: train={len(train_idx):2d} val={len(val_idx)} loss={loss.item():.4f} acc={acc:.3f}")
mean = sum(scores) / K
std = torch.tensor(scores).std().item()
print(f"CV accuracy: {mean:.3f} +/- {std:.3f}")
print(f"statistics: {statistics.mean(scores):.3f} {statistics.stdev(scores):.3f}")

# stratified split by class using boolean masks
for c in range(2):
    idx = (y == c).nonzero().squeeze(1)
    shuffled = idx[torch.randperm(idx.numel())]
    print(c, idx.numel(), [t.numel() for t in shuffled.split(4)])
tr, va = torch.utils.data.random_split(range(N), [24, 6])
print(len(tr), len(va), sorted(list(tr) + list(va)) == list(range(N)))
g = torch.Generator().manual_seed(42)
a, b = torch.utils.data.random_split(torch.arange(10), [0.8, 0.2], generator=g)
print(len(a), len(b))
