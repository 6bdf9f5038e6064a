# k-means in torch
import torch
torch.manual_seed(0)
true_centers = torch.tensor([[0.0, 0.0], [5.0, 5.0], [0.0, 5.0]])
points = torch.cat([c + torch.randn(20, 2) * 0.5 for c in true_centers])
print(points.shape)

def kmeans(x, k, iters=20, seed=0):
    g = torch.Generator().manual_seed(seed)
    idx = torch.randperm(x.size(0), generator=g)[:k]
    centroids = x[idx].clone()
    for it in range(iters):
        dists = torch.cdist(x, centroids)
        assign = dists.argmin(dim=1)
        new = torch.zeros_like(centroids)
        new.index_add_(0, assign, x)
        counts = torch.bincount(assign, minlength=k).clamp(min=1).unsqueeze(1)
        new = new / counts
        shift = (new - centroids).norm(dim=1).max()
        centroids = new
        if shift < 1e-4:
            print(f"converged after {it + 1} iterations")
            break
    inertia = ((x - centroids[assign]) ** 2).sum()
    return centroids, assign, inertia

c, a, inertia = kmeans(points, 3)
order = c[:, 0] * 10 + c[:, 1]
c = c[order.argsort()]
print(c.round(decimals=2))
print(f"inertia {inertia.item():.3f}")
print(torch.bincount(a).sort().values.tolist())
# elbow
for k in range(1, 5):
    _, _, inn = kmeans(points, k, seed=1)
    print(k, round(inn.item(), 1))
# manual distance, broadcasting version
d2 = ((points[:, None, :] - c[None, :, :]) ** 2).sum(-1)
print(d2.shape, torch.allclose(d2.sqrt(), torch.cdist(points, c), atol=1e-4))
labels = d2.argmin(1)
print(labels.view(3, 20).mode(dim=1))
# kmeans++ init
def kmeans_pp(x, k, g):
    centers = [x[torch.randint(0, x.size(0), (1,), generator=g)].squeeze(0)]
    for _ in range(1, k):
        d = torch.stack([((x - ctr) ** 2).sum(1) for ctr in centers]).min(0).values
        probs = d / d.sum()
        centers.append(x[torch.multinomial(probs, 1, generator=g)].squeeze(0))
    return torch.stack(centers)
init = kmeans_pp(points, 3, torch.Generator().manual_seed(3))
print(init.shape)
print(torch.cdist(init, true_centers).argmin(1).sort().values)
