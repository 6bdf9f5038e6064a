# F.log_softmax over the last dim and F.nll_loss add up as PyTorch's kernels do (8- or 16-lane sums as the CPU has, Sleef's exp,
# nll_loss's cascade), so the MNIST example's loss.item() and gradients print PyTorch's digits
import torch
import torch.nn.functional as F
torch.manual_seed(0)
for n, k in [(5, 7), (16, 10), (17, 10), (64, 10), (100, 3), (300, 10)]:
    x = torch.randn(n, k) * 2
    t = torch.randint(0, k, (n,))
    lp = F.log_softmax(x, dim=1)
    print(n, F.nll_loss(lp, t).item(), F.nll_loss(lp, t, reduction='sum').item(), lp[0].tolist()[:3], lp.sum().item())
    xr = x.clone().requires_grad_()
    F.nll_loss(F.log_softmax(xr, dim=1), t).backward()
    print(xr.grad[:2].tolist())
