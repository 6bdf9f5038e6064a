# Siamese / metric learning: a shared encoder trained with TripletMarginLoss,
# TripletMarginWithDistanceLoss, CosineEmbeddingLoss and MarginRankingLoss, with
# PairwiseDistance / CosineSimilarity, reductions and hand-computed checks.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 4))

    def forward(self, x):
        return F.normalize(self.net(x), p=2, dim=1)


enc = Encoder()
anchor, positive, negative = torch.randn(5, 6), torch.randn(5, 6), torch.randn(5, 6)
positive = anchor + 0.1 * positive
a, p, n = enc(anchor), enc(positive), enc(negative)
print(a.norm(dim=1))

triplet = nn.TripletMarginLoss(margin=1.0, p=2)
print(triplet)
l1 = triplet(a, p, n)
pd = nn.PairwiseDistance(p=2)
manual = torch.clamp(pd(a, p) - pd(a, n) + 1.0, min=0).mean()
print(f"triplet {l1.item():.5f} manual {manual.item():.5f}")
print(nn.TripletMarginLoss(margin=0.5, swap=True, reduction="none")(a, p, n))
cos_dist = lambda x, y: 1.0 - F.cosine_similarity(x, y)
twd = nn.TripletMarginWithDistanceLoss(distance_function=cos_dist, margin=0.3)
print(f"with-distance {twd(a, p, n).item():.5f}")
print(f"default-distance {nn.TripletMarginWithDistanceLoss()(a, p, n).item():.5f}")

cel = nn.CosineEmbeddingLoss(margin=0.2)
target = torch.tensor([1, -1, 1, -1, 1])
x2 = torch.where(target[:, None] > 0, p, n)
l2 = cel(a, x2, target)
cs = nn.CosineSimilarity(dim=1, eps=1e-8)(a, x2)
man2 = torch.where(target > 0, 1 - cs, torch.clamp(cs - 0.2, min=0)).mean()
print(f"cosine-embedding {l2.item():.5f} manual {man2.item():.5f}")
print(nn.CosineEmbeddingLoss(reduction="sum")(a, x2, target.float()))

mrl = nn.MarginRankingLoss(margin=0.1)
s1 = (a * p).sum(1)
s2 = (a * n).sum(1)
ones = torch.ones(5)
l3 = mrl(s1, s2, ones)
print(f"ranking {l3.item():.5f} manual {torch.clamp(-(s1 - s2) + 0.1, min=0).mean().item():.5f}")
print(F.margin_ranking_loss(s1, s2, -ones, reduction="none"))

opt = torch.optim.Adam(enc.parameters(), lr=0.01)
for step in range(15):
    opt.zero_grad()
    a, p, n = enc(anchor), enc(positive), enc(negative)
    loss = triplet(a, p, n) + cel(a, torch.where(target[:, None] > 0, p, n), target) + mrl((a * p).sum(1), (a * n).sum(1), ones)
    loss.backward()
    opt.step()
    if step % 5 == 4:
        with torch.no_grad():
            gap = (pd(a, n) - pd(a, p)).mean()
        print(f"step {step + 1} loss {loss.item():.4f} gap {gap.item():.4f}")
print(F.pairwise_distance(a, p, keepdim=True).shape, torch.cdist(a, n).shape)
try:
    cel(a, p, torch.ones(4))
except RuntimeError as e:
    print("RuntimeError")
