# F.pixel_shuffle / nn.PixelShuffle and pixel_unshuffle with their gradient and PyTorch's
# messages; torch.utils.data.ConcatDataset over a random_split part, a Subset and a Dataset
# class, in a shuffled DataLoader; binary cross-entropy's weight and pos_weight (functions and
# BCELoss / BCEWithLogitsLoss) with their gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
ds = torch.utils.data.TensorDataset(torch.arange(10.).unsqueeze(1), torch.arange(10))
a, b = torch.utils.data.random_split(ds, [7, 3])
sub = torch.utils.data.Subset(ds, [1, 3])
both = torch.utils.data.ConcatDataset([a, sub])
print(len(both), both.cumulative_sizes, both[7], both[-1], both[0])
for x, y in torch.utils.data.DataLoader(both, batch_size=4, shuffle=True):
    print(x.flatten(), y)
class Squares(torch.utils.data.Dataset):
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return torch.tensor([float(i * i)]), i
c2 = torch.utils.data.ConcatDataset([Squares(), sub, Squares()])
print(len(c2), [int(c2[i][1]) for i in range(len(c2))], len(c2.datasets))
try:
    both[9]
except IndexError as e:
    print("IndexError", e)

x = torch.arange(32.).reshape(1, 8, 2, 2).requires_grad_()
y = F.pixel_shuffle(x, 2)
print(y.shape, y[0, 0], y[0, 1])
(y * torch.arange(32.).reshape(1, 2, 4, 4)).sum().backward()
print(x.grad[0, :3])
print(F.pixel_unshuffle(y, 2).equal(x), nn.PixelShuffle(2), nn.PixelUnshuffle(3))
print(nn.Sequential(nn.Conv2d(3, 12, 3, padding=1), nn.PixelShuffle(2))(torch.randn(2, 3, 5, 5)).shape)
print(F.pixel_unshuffle(torch.randn(3, 4, 6), 2).shape)
for bad in [lambda: F.pixel_shuffle(torch.randn(1, 6, 2, 2), 2), lambda: F.pixel_unshuffle(torch.randn(1, 1, 5, 4), 2), lambda: F.pixel_shuffle(torch.randn(4, 4), 2)]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError:", e)

x = torch.randn(3, 2, requires_grad=True); t = torch.tensor([[1., 0], [0, 1], [1, 1]])
l = F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.tensor([2., 3.]), weight=torch.tensor([1., 0.5]), reduction='none')
print(l)
l.sum().backward(); print(x.grad)
crit = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 0.5]))
print(crit, crit(x, t))
p = torch.sigmoid(torch.randn(3, 2)).requires_grad_()
b = nn.BCELoss(weight=torch.tensor([[2.0], [1.0], [0.5]]))(p, t)
b.backward(); print(b, p.grad)
try:
    F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.tensor([2., 3., 4.]))
except RuntimeError as e:
    print("RuntimeError")
