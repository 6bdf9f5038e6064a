import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, float('nan'), 3.0], [2.0, 4.0, float('nan')]])
def show(f):
    try:
        r = f()
        print(r, r.dtype, r.shape)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
show(lambda: x.nanmean(0, dtype=torch.float32))
show(lambda: torch.nanmean(x, dim=1, keepdim=True, dtype=torch.float32))
show(lambda: x.nanmean(1, dtype=torch.int64))
show(lambda: x.nanmean(dtype=torch.bool))
show(lambda: torch.tensor([1, 2]).nanmean(dtype=torch.float32))
show(lambda: torch.tensor([True]).nanmean(dtype=torch.bool))
show(lambda: torch.tensor([1.0, 2.0]).float_power_(2))
show(lambda: torch.tensor([1, 2]).float_power_(torch.tensor(0.5)))
show(lambda: torch.tensor([[-1.0], [1.0], [-1.0]]).view_as(torch.tensor([-1.72])))
show(lambda: torch.tensor([[2, 1]]).reshape_as(torch.zeros(3, 1)))
show(lambda: torch.tensor([[2, 1]]).view_as(torch.zeros(2, 1)))
show(lambda: torch.hstack([torch.tensor([[-1.0, -0.5], [0.5, 0.65]]), torch.tensor(-3.0)]))
show(lambda: torch.hstack([torch.tensor(2.0), torch.tensor([-3.0, 1.0]), torch.tensor(4.0)]))
show(lambda: torch.hstack((torch.tensor(1), torch.tensor(2))))
