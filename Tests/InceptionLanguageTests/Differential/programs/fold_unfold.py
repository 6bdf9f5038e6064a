import torch
import torch.nn as nn
import torch.nn.functional as F
# F.unfold / nn.Unfold (im2col) and F.fold / nn.Fold (col2im): a convolution as a matrix product
# of the unfolded input, with its gradients; dilation, padding, stride as pairs; PyTorch's messages

x = torch.arange(16.).reshape(1, 1, 4, 4).requires_grad_()
u = F.unfold(x, kernel_size=2, stride=2); print(u, u.grad_fn.name())
f = F.fold(u, (4, 4), 2, stride=2); print(torch.equal(f, x), f.grad_fn.name())
(u * torch.arange(16.).reshape(1, 4, 4)).sum().backward(); print(x.grad)

torch.manual_seed(0)
x = torch.randn(2, 3, 5, 6, requires_grad=True); w = torch.randn(4, 3, 3, 3, requires_grad=True)
cols = F.unfold(x, 3, padding=1)
y = (w.view(4, -1) @ cols).view(2, 4, 5, 6)
print(cols.shape, torch.allclose(y, F.conv2d(x, w, padding=1), atol=1e-5))
y.pow(2).sum().backward(); gx, gw = x.grad.clone(), w.grad.clone(); x.grad = None; w.grad = None
F.conv2d(x, w, padding=1).pow(2).sum().backward(); print(torch.allclose(gx, x.grad, atol=1e-4), torch.allclose(gw, w.grad, atol=1e-4))

x = torch.arange(1., 26.).reshape(1, 1, 5, 5)
u = F.unfold(x, (2, 3), dilation=(2, 1), padding=(1, 0), stride=(1, 2)); print(u.shape, u[0, :, :4])
print(F.fold(u, (5, 5), (2, 3), dilation=(2, 1), padding=(1, 0), stride=(1, 2)))
print(F.fold(F.unfold(torch.ones(1, 2, 4, 4), 3), (4, 4), 3))

print(F.unfold(torch.arange(18.).reshape(2, 3, 3), 2).shape, F.fold(torch.ones(4, 4), (4, 4), 2, stride=2).shape)
m = nn.Unfold(kernel_size=(2, 3), dilation=1, padding=1, stride=2); print(m, m(torch.ones(1, 1, 4, 4)).shape)
print(nn.Unfold(2), nn.Fold(output_size=4, kernel_size=2), nn.Fold((4, 5), (2, 2), stride=(1, 2)))
print(nn.Fold((4, 5), (2, 2), stride=(1, 2))(torch.ones(1, 4, 6)))

for bad in [lambda: F.fold(torch.ones(1, 5, 4), (4, 4), 2, stride=2), lambda: F.fold(torch.ones(1, 4, 5), (4, 4), 2, stride=2),
            lambda: F.unfold(torch.ones(1, 1, 2, 2), 3), lambda: F.unfold(torch.ones(1, 1, 4, 4), 0), lambda: F.unfold(torch.ones(1, 1, 4, 4), 2, stride=0),
            lambda: F.unfold(torch.ones(1, 1, 4, 4), 2, padding=-1), lambda: F.unfold(torch.ones(1, 1, 4, 4), 2, dilation=0),
            lambda: F.unfold(torch.ones(1, 1, 4, 4), (2, 2, 2)), lambda: F.fold(torch.ones(1, 4), (4, 4), 2)]:
    try: bad()
    except RuntimeError as e: print(e)
try: F.unfold(torch.ones(4, 4), 2)
except IndexError as e: print(e)
