# nn.Dropout1d / F.dropout1d (channel-wise, as feature_dropout draws), dropout2d on 3-D input;
# InstanceNorm on unbatched inputs and with the wrong channel count; AdaptiveAvgPool1d(None) refused when called.
import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.arange(24.).reshape(2, 3, 4).sub(8).div(3).requires_grad_()
for m in [nn.Dropout1d(0.5), nn.Dropout2d(0.5)]:
    print(m); y = m(x); print(y); y.sum().backward(); print(x.grad); x.grad = None
y = nn.Dropout1d(0.5)(x[0]); print(y)
try: nn.Dropout1d(0.5)(x.unsqueeze(0))
except RuntimeError as e: print('RuntimeError', e)
print(F.dropout1d(x, 0.3, training=False) is x, F.dropout1d(x, 0.3).shape)
for m in [nn.InstanceNorm1d(3), nn.InstanceNorm2d(2, affine=True), nn.InstanceNorm1d(4), nn.InstanceNorm1d(3, affine=True)]:
    for inp in [x, x[0]]:
        try:
            y = m(inp); print(m, y)
        except (ValueError, RuntimeError) as e: print(type(e).__name__, e)
try: nn.InstanceNorm1d(3)(x[:, :, :1])
except ValueError as e: print('ValueError', e)
m = nn.AdaptiveAvgPool1d(None)
print(m)
try: m(x)
except TypeError as e: print('TypeError', e)
try: F.adaptive_avg_pool1d(x, 'a')
except TypeError as e: print('TypeError', e)
