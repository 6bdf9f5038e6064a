# Float sums, means and bias gradients add up in PyTorch's order (ATen's cascade_sum), so
# .item() and .tolist() print the same last digit: whole tensors, each dim, several dims.
import torch

def bits(t):
    return [float(v) for v in t.flatten().tolist()]

torch.manual_seed(0)
for n in [1, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 127, 129, 255, 257, 1000, 4097, 20000]:
    x = torch.randn(n)
    print(n, x.sum().item(), x.mean().item(), (x * x).sum().item(), x.abs().mean().item())
for shape in [(3, 5), (37, 53), (8, 8), (100, 10), (10, 100), (4, 33), (33, 4), (2, 3, 17), (5, 40, 9), (6, 1, 70), (16, 3, 5, 5)]:
    x = torch.rand(shape) * 10 - 5
    print(shape, x.sum().item(), x.mean().item())
    for d in range(len(shape)):
        print("  dim", d, bits(x.sum(d))[:6], bits(x.mean(d, keepdim=True))[:6])
    if len(shape) >= 3:
        print("  dims (0, 2)", bits(x.sum((0, 2)))[:6], bits(x.mean((-1, -2)))[:6])
        print("  dims (1, 2)", bits(x.sum(dim=(1, 2)))[:6])
# a bias broadcast over a batch: its gradient is the batch's sum
b = torch.zeros(10, requires_grad=True)
g = torch.randn(100, 10)
((torch.randn(100, 10) + b) * g).sum().backward()
print(bits(b.grad))
lin = torch.nn.Linear(4, 12)
lin(torch.randn(50, 4)).pow(2).mean().backward()
print(bits(lin.bias.grad))
c = torch.zeros(3, 1, requires_grad=True)
((torch.randn(3, 40) * c) * torch.randn(3, 40)).sum().backward()
print(bits(c.grad))
x = torch.randn(64, requires_grad=True)
x.mean().backward()
print(bits(x.grad)[:3])
