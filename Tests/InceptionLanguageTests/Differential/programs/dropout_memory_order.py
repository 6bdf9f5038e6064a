# dropout of a view laid out in another order (a transpose, a permute) draws its mask in the order of memory, as PyTorch
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.arange(24.).reshape(2, 3, 4)
print(F.dropout(x.transpose(0, 2), 0.5))
print(nn.Dropout(0.3)(x.permute(1, 2, 0)))
print(F.dropout(x[:, 1:], 0.5))
print(F.dropout(x.t() if x.dim() == 2 else x.transpose(1, 2).contiguous(), 0.5))
