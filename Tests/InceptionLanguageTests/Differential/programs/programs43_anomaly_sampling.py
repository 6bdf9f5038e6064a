# Autoencoder anomaly scores, random_split / Subset loaders, WeightedRandomSampler, weighted CE, Embedding padding_idx / max_norm.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
# Autoencoder anomaly score, per-sample loss
ae = nn.Sequential(nn.Linear(6, 3), nn.ReLU(), nn.Linear(3, 6))
x = torch.randn(10, 6)
opt = torch.optim.RMSprop(ae.parameters(), lr=0.01, alpha=0.9)
for _ in range(20):
    loss = F.mse_loss(ae(x), x)
    opt.zero_grad(); loss.backward(); opt.step()
with torch.no_grad():
    per = F.mse_loss(ae(x), x, reduction='none').mean(dim=1)
thr = per.mean() + 2 * per.std()
print(f"{loss.item():.4f}", per.shape, (per > thr).nonzero().flatten().tolist())
print(torch.quantile(per, 0.9).item() >= per.median().item())
# torch.utils.data.random_split and Subset
ds = torch.utils.data.TensorDataset(torch.arange(10.).unsqueeze(1), torch.arange(10))
tr, va = torch.utils.data.random_split(ds, [7, 3], generator=torch.Generator().manual_seed(42))
print(len(tr), len(va), sorted(va.indices))
dl = torch.utils.data.DataLoader(tr, batch_size=4, drop_last=True)
print([b[1].tolist() for b in dl])
# WeightedRandomSampler for imbalance
labels = torch.tensor([0] * 8 + [1] * 2)
cw = 1.0 / torch.bincount(labels).float()
sw = cw[labels]
sampler = torch.utils.data.WeightedRandomSampler(sw, num_samples=20, replacement=True, generator=torch.Generator().manual_seed(1))
idx = list(sampler)
print(len(idx), torch.bincount(labels[torch.tensor(idx)]).tolist())
# class weights in CrossEntropy
crit = nn.CrossEntropyLoss(weight=torch.tensor([0.2, 0.8]), label_smoothing=0.1)
print(round(crit(torch.randn(4, 2), torch.tensor([0, 1, 1, 0])).item(), 4))
# Embedding with padding_idx and max_norm
emb = nn.Embedding(5, 3, padding_idx=0)
print(emb.weight[0], emb(torch.tensor([[0, 2], [4, 0]])).shape)
e2 = nn.Embedding(5, 3, max_norm=1.0)
out = e2(torch.tensor([1, 2]))
print(out.norm(dim=1).le(1.0001).all().item())
