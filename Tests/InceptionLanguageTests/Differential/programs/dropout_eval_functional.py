import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.ones(2, 3)
print(F.dropout(x, 0.5, training=False))
d = nn.Dropout(0.3)
d.eval()
print(d(x))
print(F.dropout(x, p=0.0))
