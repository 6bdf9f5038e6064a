import torch
import torch.nn as nn
import torch.nn.functional as F
# Transformer idioms: attention by hand with a causal mask, F.scaled_dot_product_attention, nn.Linear on (…, in), chunk/split, positional encodings, GELU/SiLU; dim-reductions' grad_fn names
import math
q = torch.randn(2, 4, 8); k = torch.randn(2, 4, 8); v = torch.randn(2, 4, 8)
scores = q @ k.transpose(-2, -1) / math.sqrt(8)
mask = torch.triu(torch.ones(4, 4), diagonal=1).bool()
scores = scores.masked_fill(mask, float("-inf"))
attn = F.softmax(scores, dim=-1)
print(attn[0], (attn @ v).shape)
print(F.scaled_dot_product_attention(q, k, v, is_causal=True)[0, 0])

x = torch.empty(3).uniform_(-1, 1)
print(x, torch.randint(10, (3,)), torch.rand(2, 3) < 0.5, torch.normal(0, 1, size=(2,)), torch.arange(0, 10, 2))

import math
class Attn(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.d = d
    def forward(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        w = (q @ k.transpose(-2, -1)) / math.sqrt(self.d)
        return self.proj(w.softmax(-1) @ v)
m = Attn(8)
x = torch.randn(2, 5, 8, requires_grad=True)
y = m(x)
y.sum().backward()
print(y.shape, x.grad.abs().sum(), m.qkv.weight.grad.shape)

x = torch.randn(4, 6)
a, b = x.split([2, 4], dim=1)
print(a.shape, b.shape, torch.cat([a, b], dim=-1).equal(x), x.unsqueeze(0).expand(3, -1, -1).shape)

import math
pos = torch.arange(6).unsqueeze(1)
div = torch.exp(torch.arange(0, 8, 2) * (-math.log(10000.0) / 8))
pe = torch.zeros(6, 8)
pe[:, 0::2] = torch.sin(pos * div)
pe[:, 1::2] = torch.cos(pos * div)
print(pe)

x = torch.randn(3, 4)
print(F.gelu(x), F.silu(x), F.dropout(x, 0.5, training=False).equal(x), nn.GELU(approximate="tanh")(x))

q = torch.randn(2, 3, 4, 8, requires_grad=True); k = torch.randn(2, 3, 5, 8); v = torch.randn(2, 3, 5, 6)
o = F.scaled_dot_product_attention(q, k, v)
print(o.shape, round(o.sum().item(), 3), round(o[0, 0, 0, 0].item(), 3))
o.sum().backward()
print(round(q.grad.abs().sum().item(), 3))
m = torch.tensor([[True, False, True, True, False]]).expand(4, 5)
print(round(F.scaled_dot_product_attention(q, k, v, attn_mask=m).sum().item(), 3), round(F.scaled_dot_product_attention(q, k, v, scale=0.5).sum().item(), 3))
c = F.scaled_dot_product_attention(q[0], q[0], q[0], is_causal=True)
print(round(c.sum().item(), 3))
x = torch.randn(3, 4, requires_grad=True)
print(x.sum(1), x.mean(0), x.sum(), x.mean((0, 1)))
l = nn.Linear(8, 3)
y = l(torch.randn(2, 5, 8))
print(y.shape, l(torch.ones(8)))
