# nn.MultiheadAttention: PyTorch's parameters and init draws, masks (bool, float, key padding), heads averaged or not, dropout on the weights, gradients
import torch
import torch.nn as nn
torch.manual_seed(0)
mha = nn.MultiheadAttention(8, 2, batch_first=True)
print(mha)
print([(n, tuple(p.shape)) for n, p in mha.named_parameters()])
q = torch.randn(2, 3, 8)
out, w = mha(q, q, q)
print(out.shape, w.shape, out[0, 0], w[0])
out, w = mha(q, q, q, need_weights=False)
print(w)
mask = torch.triu(torch.ones(3, 3, dtype=torch.bool), diagonal=1)
o2, w2 = mha(q, q, q, attn_mask=mask, average_attn_weights=False)
print(w2.shape, w2[0, 0])
kpm = torch.tensor([[False, False, True], [False, False, False]])
o3, w3 = mha(q, q, q, key_padding_mask=kpm)
print(w3[0])
o3.sum().backward()
print(mha.in_proj_weight.grad.abs().sum() > 0)



mha = nn.MultiheadAttention(6, 3, bias=False)
print(mha, [n for n, _ in mha.named_parameters()])
q, k = torch.randn(4, 2, 6), torch.randn(5, 2, 6)
v = torch.randn(5, 2, 6, requires_grad=True)
o, w = mha(q, k, v, average_attn_weights=False)
print(o.shape, w.shape, o[1, 1], w[1, 2])
o.square().sum().backward(); print(v.grad.sum(), mha.in_proj_weight.grad.abs().sum())
fm = torch.randn(4, 5)
o, w = mha(q, k, k, attn_mask=fm); print(w[0])
m3 = torch.zeros(6, 4, 5, dtype=torch.bool); m3[:, :, -1] = True
o, w = mha(q, k, k, attn_mask=m3); print(w[1, 0])
o, _ = mha(q[:, 0], k[:, 0], k[:, 0]); print(o.shape)
d = nn.MultiheadAttention(4, 2, dropout=0.5)
x = torch.randn(3, 1, 4)
o, w = d(x, x, x); print(w)
d.eval()
with torch.no_grad():
    o, w = d(x, x, x)
print(o, w)
o, w = d(x, x, x, need_weights=False); print(o.shape, w)
try:
    nn.MultiheadAttention(5, 2)
except Exception as e:
    print(type(e).__name__, e)
