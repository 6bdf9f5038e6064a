import torch
import torch.nn as nn
import torch.nn.functional as F
# nn.LayerNorm, F.layer_norm, nn.Embedding, F.embedding: values, reprs, gradients, errors, a small model
m = nn.LayerNorm(4)
x = torch.randn(2, 4, requires_grad=True)
y = m(x)
print(m, y)
(y * torch.arange(4.)).sum().backward()
print(x.grad, m.weight.grad, m.bias.grad)
print(list(m.state_dict().keys()), type(m))

m = nn.LayerNorm([3, 2], eps=1e-3, elementwise_affine=False)
x = torch.randn(2, 3, 2)
print(m, m(x), F.layer_norm(x, (2,)))
print(nn.LayerNorm((5,), bias=False))

m = nn.Embedding(10, 3)
idx = torch.tensor([[1, 2], [1, 9]])
y = m(idx)
print(m, y)
y.sum().backward()
print(m.weight.grad)

m = nn.Embedding(5, 2, padding_idx=0)
print(m, m.weight)
y = m(torch.tensor([0, 0, 3]))
(y * 2).sum().backward()
print(m.weight.grad, F.embedding(torch.tensor([1]), m.weight))

m = nn.Embedding(5, 2)
try:
    m(torch.tensor([5]))
except IndexError as e:
    print("IndexError", e)
try:
    m(torch.tensor([1.0]))
except RuntimeError as e:
    print("RuntimeError")

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(20, 8)
        self.norm = nn.LayerNorm(8)
        self.fc = nn.Linear(8, 3)
    def forward(self, x):
        return self.fc(self.norm(self.emb(x)).mean(dim=1))
m = M()
print(m)
opt = torch.optim.Adam(m.parameters(), lr=0.01)
x = torch.randint(0, 20, (6, 5)); t = torch.randint(0, 3, (6,))
for i in range(4):
    opt.zero_grad(); loss = F.cross_entropy(m(x), t); loss.backward(); opt.step(); print(f"{loss.item():.5f}")
print(sum(p.numel() for p in m.parameters()))
