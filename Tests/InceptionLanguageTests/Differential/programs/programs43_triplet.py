# triplet / contrastive embedding training
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
centers = torch.randn(3, 6) * 3
labels = torch.randint(0, 3, (30,))
data = centers[labels] + torch.randn(30, 6)

class EmbeddingNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 16), nn.PReLU(), nn.Linear(16, 2))
    def forward(self, x):
        return F.normalize(self.net(x), p=2, dim=1)

net = EmbeddingNet()
triplet = nn.TripletMarginLoss(margin=0.5, p=2)
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)

def sample_triplets(labels, n):
    a, p, ng = [], [], []
    for _ in range(n):
        i = torch.randint(0, len(labels), (1,)).item()
        same = (labels == labels[i]).nonzero(as_tuple=True)[0]
        diff = (labels != labels[i]).nonzero(as_tuple=True)[0]
        a.append(i)
        p.append(same[torch.randint(0, len(same), (1,))].item())
        ng.append(diff[torch.randint(0, len(diff), (1,))].item())
    return torch.tensor(a), torch.tensor(p), torch.tensor(ng)

for epoch in range(5):
    a, p, n = sample_triplets(labels, 16)
    emb = net(data)
    loss = triplet(emb[a], emb[p], emb[n])
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"epoch {epoch}: triplet loss {loss.item():.4f}")

def contrastive_loss(x1, x2, same, margin=1.0):
    d = F.pairwise_distance(x1, x2)
    return torch.mean(same * d.pow(2) + (1 - same) * torch.clamp(margin - d, min=0.0).pow(2))

for epoch in range(3):
    i = torch.randint(0, 30, (20,))
    j = torch.randint(0, 30, (20,))
    same = (labels[i] == labels[j]).float()
    emb = net(data)
    loss = contrastive_loss(emb[i], emb[j], same)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"contrastive {epoch}: {loss.item():.4f} (pairs same={int(same.sum())})")
with torch.no_grad():
    emb = net(data)
    d = torch.cdist(emb, emb)
print(d.shape, torch.allclose(d.diag(), torch.zeros(30), atol=1e-3))
print(emb.norm(dim=1)[:4].round(decimals=4))
x1, x2, x3 = torch.randn(3, 4, 5).unbind(0)
print(round(F.triplet_margin_loss(x1, x2, x3, margin=1.0, swap=True).item(), 4))
print(round(nn.TripletMarginWithDistanceLoss(distance_function=lambda a, b: 1 - F.cosine_similarity(a, b))(x1, x2, x3).item(), 4))
print(round(F.cosine_embedding_loss(x1, x2, torch.tensor([1, -1, 1, -1])).item(), 4))
print(round(F.margin_ranking_loss(x1[:, 0], x2[:, 0], torch.ones(4), margin=0.1).item(), 4))
print(net.net[1].weight)
