import torch, torch.nn.functional as F, torch.nn as nn

x = torch.randn(2, 3, 5, requires_grad=True)
for kw in [dict(scale_factor=2), dict(size=7), dict(scale_factor=1.7), dict(size=(3,)), dict(scale_factor=(2.5,))]:
    for mode, ac in [('nearest', None), ('linear', False), ('linear', True)]:
        y = F.interpolate(x, mode=mode, align_corners=ac, **kw)
        print(mode, ac, kw, tuple(y.shape), y.grad_fn.name())
        print(y)
        w = torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape)
        g, = torch.autograd.grad((y * w).sum(), x)
        print(g)
u = nn.Upsample(scale_factor=3, mode='linear')
print(u, u(x).shape)
u = nn.Upsample(size=4)
print(u, u(x))
for bad in [lambda: F.interpolate(x, scale_factor=2, mode='bilinear'), lambda: F.interpolate(x.unsqueeze(0), scale_factor=2, mode='linear'), lambda: F.interpolate(x, scale_factor=2, mode='bicubic'), lambda: F.interpolate(x, size=(3,4))]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
for bad in [lambda: F.interpolate(x, scale_factor=(2, 3)), lambda: F.interpolate(x, size=0), lambda: F.interpolate(torch.randn(1, 1, 4, 5), size=(0, 3))]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
# 'linear' on a row is 'bilinear' on a one-row plane
z = torch.randn(1, 2, 6)
for ac in [False, True]:
    a = F.interpolate(z, size=9, mode='linear', align_corners=ac)
    b = F.interpolate(z.unsqueeze(2), size=(1, 9), mode='bilinear', align_corners=ac).squeeze(2)
    print(ac, torch.allclose(a, b), a)
