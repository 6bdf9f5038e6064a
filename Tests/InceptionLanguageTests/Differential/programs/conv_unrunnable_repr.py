# Conv layers PyTorch makes but cannot call: their repr shows the arguments as held
# (a float padding, with dilation, groups and bias beside it), and the call's TypeError.
import torch
import torch.nn as nn

for kwargs in [dict(padding=2.0), dict(padding=(5 - 1) / 2, dilation=2), dict(padding=1.5, groups=2, bias=False),
               dict(padding=0.0), dict(padding=(1.0, 0))]:
    c = nn.Conv2d(4, 8, 5, 1, **kwargs)
    print(c)
    try:
        c(torch.zeros(1, 4, 9, 9))
    except TypeError as e:
        print("TypeError", str(e).splitlines()[0])
c1 = nn.Conv1d(4, 8, 3, padding=1.0)
print(c1)
