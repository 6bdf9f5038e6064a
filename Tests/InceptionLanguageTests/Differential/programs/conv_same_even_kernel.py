# padding='same' with an even kernel: PyTorch pads one more after (bottom, right) than before
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.arange(16.).reshape(1, 1, 4, 4).requires_grad_()
w = torch.ones(1, 1, 2, 2)
y = F.conv2d(x, w, padding='same')
print(y)
y.sum().backward()
print(x.grad)
c = nn.Conv2d(2, 3, (2, 3), padding='same')
print(c)
z = c(torch.randn(2, 2, 5, 6))
print(z.shape, z.grad_fn.name())
c2 = nn.Conv2d(1, 1, 4, padding='same', padding_mode='reflect', bias=False)
nn.init.constant_(c2.weight, 0.1)
print(c2(x).detach())
c3 = nn.Conv2d(1, 2, 2, padding='same', dilation=3)
print(c3(x).shape)
c4 = nn.Conv1d(2, 3, 4, padding='same')
print(c4(torch.randn(1, 2, 7)).shape, c4)
print(F.conv1d(torch.arange(6.).reshape(1, 1, 6), torch.ones(1, 1, 2), padding='same'))
