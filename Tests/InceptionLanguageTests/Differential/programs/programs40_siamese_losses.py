# A Siamese embedding net trained with TripletMarginLoss; TripletMarginWithDistanceLoss with
# a distance of the program's own, CosineEmbeddingLoss, MarginRankingLoss, a contrastive loss.
import torch
import torch.nn as nn
import torch.nn.functional as F

class Embed(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 4))
    def forward(self, x):
        return F.normalize(self.net(x), p=2, dim=1)

net = Embed()
anc = torch.randn(8, 6)
pos = anc + 0.1 * torch.randn(8, 6)
neg = torch.randn(8, 6)
trip = nn.TripletMarginLoss(margin=1.0, p=2)
opt = torch.optim.SGD(net.parameters(), lr=0.5)
for i in range(3):
    loss = trip(net(anc), net(pos), net(neg))
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"triplet {i}: {loss.item():.4f}")
a, p, n = net(anc), net(pos), net(neg)
print(F.triplet_margin_loss(a, p, n, margin=0.5, swap=True))

cosine_distance = lambda x, y: 1 - F.cosine_similarity(x, y)
twd = nn.TripletMarginWithDistanceLoss(distance_function=cosine_distance, margin=0.3)
print(twd)
print(twd(a, p, n))
print(nn.TripletMarginWithDistanceLoss()(a, p, n))
print(nn.TripletMarginWithDistanceLoss(swap=True, reduction="none")(a, p, n))
print(F.triplet_margin_with_distance_loss(a, p, n, distance_function=nn.PairwiseDistance(p=1), reduction="sum"))
ra = torch.randn(4, 3, requires_grad=True)
F.triplet_margin_with_distance_loss(ra, torch.randn(4, 3), torch.randn(4, 3), margin=2.0, swap=True).backward()
print(ra.grad)
for bad in [lambda: F.triplet_margin_with_distance_loss(a, p, n, margin=0),
            lambda: F.triplet_margin_with_distance_loss(a, p, n, reduction="foo"),
            lambda: F.triplet_margin_with_distance_loss(a, p, n[0]),
            lambda: nn.TripletMarginWithDistanceLoss(margin=-1.0),
            lambda: F.triplet_margin_with_distance_loss(a, p, n, None),
            lambda: nn.TripletMarginWithDistanceLoss(None)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

t = torch.tensor([1, -1, 1, -1, 1, 1, -1, -1])
print(nn.CosineEmbeddingLoss(margin=0.2)(a, n, t))
print(F.cosine_embedding_loss(a, n, t, reduction="none"))
s1 = torch.randn(8, requires_grad=True)
s2 = torch.randn(8)
l = nn.MarginRankingLoss(margin=0.1)(s1, s2, t.float())
l.backward()
print(l, s1.grad)

def contrastive(o1, o2, label, margin=2.0):
    d = F.pairwise_distance(o1, o2, keepdim=True)
    return torch.mean((1 - label) * torch.pow(d, 2) + label * torch.pow(torch.clamp(margin - d, min=0.0), 2))
lab = torch.randint(0, 2, (8, 1)).float()
print(contrastive(a, n, lab))
print(nn.HingeEmbeddingLoss()(F.pairwise_distance(a, n), t.float()))
