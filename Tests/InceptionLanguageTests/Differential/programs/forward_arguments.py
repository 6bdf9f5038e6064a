import torch
import torch.nn as nn
import torch.nn.functional as F
# forward with more than one input: extra tensors, keyword options with defaults, a tuple or a
# dict as the input; hooks see every input; masked_fill's gradient; Python's TypeError when a
# required input is left out
class Attention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
    def forward(self, x, mask=None, scale=1.0):
        scores = self.q(x) @ self.k(x).transpose(-1, -2) * scale
        if mask is not None:
            scores = scores.masked_fill(mask == 0, float('-inf'))
        return scores.softmax(-1) @ x
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = Attention(4)
        self.fc = nn.Linear(4, 2)
    def forward(self, x, mask):
        return self.fc(self.attn(x, mask, scale=0.5).mean(1))
x = torch.randn(2, 3, 4)
mask = torch.tril(torch.ones(3, 3))
a = Attention(4)
print(a(x).shape, a(x, mask)[0, 0], a(x, mask=mask, scale=0.5)[1, 2])
model = Classifier()
seen = []
model.attn.register_forward_pre_hook(lambda m, inputs: seen.append(('pre', len(inputs), tuple(inputs[1].shape))))
model.attn.register_forward_hook(lambda m, inputs, out: seen.append(('post', len(inputs), tuple(out.shape))))
opt = torch.optim.SGD(model.parameters(), lr=0.5)
target = torch.tensor([0, 1])
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x, mask), target)
    loss.backward(); opt.step()
    print(step, round(loss.item(), 5))
print(seen[:2], len(seen))
print(model.attn.q.weight.grad)
s = torch.randn(2, 3, requires_grad=True)
y = s.masked_fill(torch.tensor([True, False, True]), 0.0)
print(y.grad_fn.name()); (y * torch.arange(3.)).sum().backward(); print(s.grad)
class Pair(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Linear(2, 1)
    def forward(self, inputs):
        a, b = inputs
        return self.f(a) - self.f(b)
print(Pair()((torch.ones(1, 2), torch.zeros(1, 2))).shape)
class Batch(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Linear(2, 1)
    def forward(self, batch):
        return {'out': self.f(batch['x']), 'n': len(batch)}
r = Batch()({'x': torch.ones(3, 2), 'y': 1})
print(r['out'].shape, r['n'])
try:
    model(x)
except TypeError as e:
    print(type(e).__name__, e)
def f(a, b, c, *, d):
    return a
for call in [lambda: f(1), lambda: f(1, 2, 3), lambda: f(b=1, c=2, d=3), lambda: f(1, z=2)]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
