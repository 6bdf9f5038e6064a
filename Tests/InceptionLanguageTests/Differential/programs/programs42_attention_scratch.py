# Self-attention from scratch (as in "attention is all you need" tutorials): scaled dot-product with
# a causal mask from torch.triu / tril and masked_fill(-inf), multi-head split with view/transpose,
# compared against F.scaled_dot_product_attention and nn.MultiheadAttention.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

B, T, C, H = 2, 5, 8, 2
x = torch.randn(B, T, C)


def attention(q, k, v, mask=None):
    d_k = q.size(-1)
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights


causal = torch.tril(torch.ones(T, T))
out, w = attention(x, x, x, causal)
print(w[0].round(decimals=3))
print(torch.allclose(w.sum(-1), torch.ones(B, T)))
ref = F.scaled_dot_product_attention(x, x, x, is_causal=True)
print(torch.allclose(out, ref, atol=1e-5))
mask_bool = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
print(mask_bool.int())
ref2 = F.scaled_dot_product_attention(x, x, x, attn_mask=~mask_bool)
print(torch.allclose(out, ref2, atol=1e-5))


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        assert d_model % n_heads == 0
        self.h, self.d_k = n_heads, d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.register_buffer("mask", torch.tril(torch.ones(16, 16)).view(1, 1, 16, 16))

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.h, self.d_k).transpose(1, 2)
        k = k.view(B, T, self.h, self.d_k).transpose(1, 2)
        v = v.view(B, T, self.h, self.d_k).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.d_k))
        att = att.masked_fill(self.mask[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y), att


mhsa = MultiHeadSelfAttention(C, H)
y, att = mhsa(x)
print(y.shape, att.shape, list(dict(mhsa.named_buffers()).keys()))
print(att[0, 1, -1].round(decimals=3))

mha = nn.MultiheadAttention(C, H, batch_first=True)
with torch.no_grad():
    mha.in_proj_weight.copy_(mhsa.qkv.weight)
    mha.in_proj_bias.copy_(mhsa.qkv.bias)
    mha.out_proj.weight.copy_(mhsa.proj.weight)
    mha.out_proj.bias.copy_(mhsa.proj.bias)
y2, w2 = mha(x, x, x, attn_mask=mask_bool, average_attn_weights=False)
print(torch.allclose(y, y2, atol=1e-5), w2.shape, torch.allclose(att, w2, atol=1e-5))
y3, w3 = mha(x, x, x, need_weights=True)
print(w3.shape, torch.allclose(w3.sum(-1), torch.ones(B, T)))
pos = torch.arange(T).unsqueeze(1)
div = torch.exp(torch.arange(0, C, 2) * (-math.log(10000.0) / C))
pe = torch.zeros(T, C)
pe[:, 0::2] = torch.sin(pos * div)
pe[:, 1::2] = torch.cos(pos * div)
print(pe[1].round(decimals=4))
loss = y.pow(2).mean()
loss.backward()
print(mhsa.qkv.weight.grad.shape, mhsa.mask.requires_grad)
