# A DataLoader over a plain list of (tensor, label) samples (default_collate stacks the tensors
# and makes the labels a tensor); torch.logical_and / or / xor / not, torch.isin, x.trace(),
# F.pairwise_distance and F.cosine_similarity with their gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
samples = [(torch.randn(3), i % 2) for i in range(7)]
loader = torch.utils.data.DataLoader(samples, batch_size=3, shuffle=True)
print(len(loader))
for features, labels in loader:
    print(features.shape, labels)
model = nn.Linear(3, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(2):
    for features, labels in torch.utils.data.DataLoader(samples, batch_size=4):
        opt.zero_grad()
        loss = F.cross_entropy(model(features), labels)
        loss.backward()
        opt.step()
    print(epoch, round(loss.item(), 5))

a, b = torch.tensor([1., 0., 2., -1.]), torch.tensor([True, True, False, False])
print(torch.logical_and(a, b), torch.logical_or(a, b), torch.logical_xor(a, b), torch.logical_not(a), a.logical_not())
x = torch.randn(2, 5)
print(torch.logical_and(x > 0, x < 1).sum(), torch.logical_or(torch.tensor([0, 0]), torch.tensor(1)))
print(torch.isin(torch.tensor([1, 2, 3, 2]), torch.tensor([2, 5])), torch.isin(torch.tensor([1., 2.]), torch.tensor([2.]), invert=True))
m = torch.arange(9.).reshape(3, 3)
print(m.trace(), torch.trace(m))

u = torch.randn(4, 3, requires_grad=True)
v = torch.randn(4, 3)
d = F.pairwise_distance(u, v)
c = F.cosine_similarity(u, v)
print(d, d.grad_fn.name(), c, F.cosine_similarity(torch.zeros(2, 3), torch.ones(2, 3)))
(d.sum() + c.sum()).backward()
print(u.grad)
print(F.cosine_similarity(torch.randn(2, 3, 4), torch.randn(2, 3, 4), dim=2).shape, F.pairwise_distance(u, v, keepdim=True).shape)
