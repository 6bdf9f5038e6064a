import torch
import torch.nn as nn
import torch.nn.functional as F
import copy
# Python's copy module as training scripts use it (the transfer-learning tutorial keeps the best
# weights with copy.deepcopy(model.state_dict())), and type() of a Parameter
m = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
opt = torch.optim.SGD(m.parameters(), lr=0.5)
x = torch.randn(8, 3); t = torch.randint(0, 2, (8,))
best_loss, best_weights = float('inf'), copy.deepcopy(m.state_dict())
for epoch in range(5):
    m.train(); opt.zero_grad()
    loss = F.cross_entropy(m(x), t); loss.backward(); opt.step()
    m.eval()
    with torch.no_grad():
        val = F.cross_entropy(m(x), t).item()
    print(epoch, round(loss.item(), 5), round(val, 5))
    if val < best_loss:
        best_loss, best_weights = val, copy.deepcopy(m.state_dict())
print(round(best_loss, 5), torch.equal(best_weights['3.weight'], m[3].weight), best_weights['1.num_batches_tracked'])
m.load_state_dict(best_weights)
with torch.no_grad():
    print(round(F.cross_entropy(m(x), t).item(), 5))
a = [torch.ones(2), {'k': [1, 2]}, (3, 'x')]
b = copy.deepcopy(a); b[1]['k'].append(3); b[0] += 1
print(a, b)
s = copy.copy(a); s.append(5); print(len(a), len(s), s[0] is a[0])
shared = torch.zeros(1); pair = copy.deepcopy([shared, shared]); print(pair[0] is pair[1], pair[0] is shared)
p = nn.Parameter(torch.ones(2)); q = copy.deepcopy(p)
print(type(q).__name__, type(p), q.requires_grad, q is p, type(p) == nn.Parameter, type(torch.ones(1)).__name__)
w = nn.Linear(2, 1).weight
(w.sum() * 2).backward()
print(copy.deepcopy(w).grad)
try:
    copy.deepcopy(torch.ones(2, requires_grad=True) * 2)
except RuntimeError as e:
    print(type(e).__name__, str(e)[:72])
