import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
for p in [0.0, 1.0]:
    m = nn.Dropout(p)
    y = m(x)
    print(p, y, y is x)
y = nn.Dropout(0.5)(torch.zeros((0, 3), requires_grad=True))
print(y, y.grad_fn)
m = nn.Dropout1d(1.0)
m.eval()
for shape in [(2, 3, 1, 1), (6,)]:
    try:
        print(m(x.reshape(shape)))
    except RuntimeError as e:
        print("RuntimeError", str(e)[:60])
print(m(x))
print(F.dropout1d(x, 0.5, training=False))
print(F.dropout2d(x.reshape(1, 2, 3, 1), 0.5, training=False).shape)
y = nn.Dropout1d(0.0)(x)
print(y, y is x)
