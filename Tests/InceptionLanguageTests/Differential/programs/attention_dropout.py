# dropout inside attention: F.scaled_dot_product_attention(dropout_p=…) and MultiheadAttention(need_weights=False) draw as F.dropout does on the weights
import torch, math
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
q = torch.randn(2, 3, 4, 5, requires_grad=True); k = torch.randn(2, 3, 6, 5); v = torch.randn(2, 3, 6, 5)
a = F.scaled_dot_product_attention(q, k, v, dropout_p=0.3)
a.sum().backward()
print(a[0, 0], q.grad[1, 2])
print(F.scaled_dot_product_attention(q[0], k[0], v[0], dropout_p=0.5, is_causal=True)[1])
mha = nn.MultiheadAttention(4, 2, dropout=0.4, batch_first=True)
x = torch.randn(2, 3, 4)
o, w = mha(x, x, x, need_weights=False)
print(o, w)
print(F.dropout(torch.ones(4), 0.5), F.dropout(torch.ones(3), 0.0))
