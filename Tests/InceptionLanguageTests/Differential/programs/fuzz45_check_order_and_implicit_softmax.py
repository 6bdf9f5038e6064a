import torch
import torch.nn as nn
import torch.nn.functional as F
def show(f):
    try:
        r = f()
        print(r)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
x3 = torch.tensor([[[-3.0, 2.0, 0.49]], [[-1.02, 1.0, -1.79]]])
show(lambda: F.gaussian_nll_loss(x3, torch.tensor([[1.0, 2.0, -2.5]]), torch.ones((1, 3)), reduction='bad'))
show(lambda: F.gaussian_nll_loss(x3, x3, torch.ones((2, 1, 3)), reduction='bad'))
show(lambda: F.gaussian_nll_loss(x3, x3, torch.ones((2, 1, 3)), reduction='sum'))
show(lambda: nn.BatchNorm1d(3, track_running_stats=False)(torch.tensor([[[0.25], [-0.5]]])))
show(lambda: nn.BatchNorm1d(3, track_running_stats=False)(torch.zeros(2, 2, 1)))
show(lambda: nn.BatchNorm1d(3)(torch.zeros(1, 2, 1)))
show(lambda: nn.BatchNorm1d(3)(torch.zeros(2, 2)))
show(lambda: nn.BatchNorm1d(3, track_running_stats=False).eval()(torch.zeros(1, 2)))
show(lambda: nn.BatchNorm2d(3, track_running_stats=False)(torch.zeros(1, 2, 1, 1)))
show(lambda: nn.BatchNorm2d(3, track_running_stats=False)(torch.zeros(2, 2, 1, 1)))
a = torch.tensor([[0.25, 1.0, -1.0], [1.5, -0.5, 0.0]])
show(lambda: F.softmax(a))
show(lambda: F.log_softmax(torch.tensor([1.5, -0.5, 2.0])))
show(lambda: F.softmin(torch.tensor([[[1.0, 2.0], [0.5, 0.0]]])))
show(lambda: F.softmax(torch.tensor(2.0)))
m = nn.Softmax()
print(m)
show(lambda: m(a))
print(nn.LogSoftmax(), nn.Softmin())
show(lambda: nn.LogSoftmax()(torch.ones(1, 2, 2, 2)))
show(lambda: nn.Softmin()(a))
