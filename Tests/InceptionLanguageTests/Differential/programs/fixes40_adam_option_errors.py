# Adam's and AdamW's options checked as PyTorch's __init__ checks its defaults: ValueError, the value as written.
import torch
p = [torch.nn.Parameter(torch.ones(2))]
for kw in [dict(lr=-1), dict(lr=-0.5), dict(eps=-1e-8), dict(betas=(1.0, 0.999)), dict(betas=(0.9, -0.1)), dict(weight_decay=-1), dict(lr=0.0)]:
    for cls in [torch.optim.Adam, torch.optim.AdamW]:
        try:
            cls(p, **kw)
            print(cls.__name__, kw, "ok")
        except Exception as e:
            print(cls.__name__, kw, type(e).__name__, e)
