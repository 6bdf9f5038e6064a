import torch
import torch.nn as nn
import torch.nn.functional as F
def show(f):
    try:
        r = f()
        print(r.shape)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
show(lambda: F.conv1d(torch.zeros(1, 1, 3), torch.zeros(1, 1, 4)))
show(lambda: F.conv1d(torch.zeros(1, 1, 3), torch.zeros(1, 1, 3), dilation=2))
show(lambda: F.conv1d(torch.zeros(1, 1, 3), torch.zeros(1, 1, 5), padding=1))
show(lambda: F.conv1d(torch.zeros(1, 3), torch.zeros(1, 1, 4)))
show(lambda: nn.Conv1d(1, 1, 4, stride=3)(torch.zeros(1, 3)))
show(lambda: nn.Conv1d(1, 4, 2)(torch.zeros(1, 1)))
show(lambda: F.conv2d(torch.zeros(1, 1, 3, 3), torch.zeros(1, 1, 3, 3), dilation=2))
show(lambda: nn.ConvTranspose2d(2, 2, 2, padding=2)(torch.zeros(2, 2, 2)))
show(lambda: nn.ConvTranspose2d(2, 2, 2, padding=2)(torch.zeros(1, 2, 2, 2)))
show(lambda: nn.ConvTranspose2d(2, 2, 2, padding=1)(torch.zeros(1, 2, 2, 3)))
show(lambda: F.conv_transpose2d(torch.zeros(1, 2, 2, 2), torch.zeros(2, 2, 2, 2), padding=2))
show(lambda: nn.ConvTranspose2d(1, 4, 4, padding=2)(torch.zeros(2, 1, 1)))
show(lambda: nn.ConvTranspose2d(1, 2, 4, stride=3, padding=2)(torch.zeros(1, 2, 1, 3)))
show(lambda: nn.ConvTranspose2d(1, 2, 4, stride=3, padding=2)(torch.zeros(1, 1, 1, 3)))
show(lambda: nn.ConvTranspose2d(2, 4, 3, groups=2, padding=3)(torch.zeros(1, 4, 1, 1)))
show(lambda: F.conv_transpose2d(torch.zeros(1, 1, 1, 3), torch.zeros(1, 2, 4, 4), stride=3, padding=2))
x = torch.zeros(1, 1, 1, 3, requires_grad=True)
y = F.conv_transpose2d(x, torch.zeros(1, 2, 4, 4), stride=3, padding=2)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
