# A NaN or an infinity inside a convolution: which outputs it reaches, and whether the zero padding
# is multiplied by it (inf * 0 = nan) or skipped, as PyTorch's CPU backends do for each shape.
import torch
import torch.nn.functional as F


def counts(t):
    t = t.detach()
    return "nan %d +inf %d -inf %d" % (int(torch.isnan(t).sum()), int((t == float("inf")).sum()),
                                       int((t == float("-inf")).sum()))


def forward(n, c, o, groups, k, size, stride, padding, dilation, bad):
    x = torch.randn(n, c, size, size)
    w = torch.randn(o, c // groups, k, k)
    w[0, 0, 0, 0] = bad
    y = F.conv2d(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups)
    print("weight", bad, (n, c, o, groups, k, size, stride, padding, dilation), tuple(y.shape), counts(y))


print("-- a non-finite weight tap")
for bad in (float("nan"), float("inf")):
    for shape in [(1, 3, 4, 1, 3, 8, 1, 1, 1),      # one small image: ATen's im2col multiplies the padding
                  (2, 3, 4, 1, 3, 8, 1, 1, 1),      # a batch: oneDNN's direct kernel skips it
                  (1, 32, 16, 1, 3, 16, 1, 1, 1),   # 8,192 values: still im2col
                  (1, 64, 16, 1, 3, 20, 1, 1, 1),   # 25,600 values: oneDNN
                  (2, 16, 16, 1, 3, 9, 2, 1, 1),    # strided
                  (2, 16, 16, 1, 5, 12, 1, 2, 1),
                  (2, 16, 16, 1, 5, 12, 1, 4, 1),   # a padding of 4: oneDNN by GEMM
                  (2, 16, 16, 1, 3, 10, 1, 3, 1),   # padding as wide as the kernel
                  (2, 8, 8, 1, 1, 6, 1, 1, 1),      # a padded 1x1
                  (2, 8, 8, 8, 3, 10, 1, 1, 1),     # depthwise
                  (2, 8, 16, 8, 3, 10, 1, 1, 1),    # depthwise, two filters each
                  (2, 8, 8, 2, 3, 10, 1, 1, 1),     # groups of 4 channels: GEMM
                  (2, 16, 16, 2, 3, 10, 1, 1, 1),   # groups of 8: direct
                  (1, 8, 8, 4, 3, 10, 1, 1, 1),     # grouped, one image
                  (2, 16, 16, 1, 3, 12, 1, 2, 2),   # dilated
                  (2, 16, 16, 1, 3, 12, 1, 4, 2),
                  (1, 4, 3, 1, 3, 10, 1, 2, 2)]:
        forward(*shape, bad)

print("-- a non-finite input cell")
for shape in [(1, 4, 3, 1, 3, 10, 1, 2, 2), (2, 4, 3, 1, 3, 10, 1, 2, 2), (2, 8, 8, 2, 3, 10, 1, 3, 3), (1, 4, 4, 4, 3, 9, 1, 1, 1)]:
    n, c, o, groups, k, size, stride, padding, dilation = shape
    x = torch.randn(n, c, size, size)
    x[0, 0, size // 2, size // 2] = float("inf")
    x[0, c - 1, 1, 2] = float("-inf")
    w = torch.randn(o, c // groups, k, k)
    y = F.conv2d(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups)
    print("input", shape, counts(y))

print("-- a non-finite output gradient")
for shape in [(1, 4, 4, 1, 3, 8, 1, 1), (2, 4, 4, 1, 3, 8, 1, 1), (2, 16, 32, 1, 5, 16, 1, 2), (2, 3, 8, 1, 7, 32, 2, 3),
              (2, 16, 16, 1, 3, 16, 1, 4)]:
    n, c, o, groups, k, size, stride, padding = shape
    x = torch.randn(n, c, size, size, requires_grad=True)
    w = torch.randn(o, c, k, k, requires_grad=True)
    y = F.conv2d(x, w, stride=stride, padding=padding)
    g = torch.ones_like(y)
    g[0, 0, 0, 0] = float("inf")
    y.backward(g)
    print("gradient", shape, "dw", counts(w.grad), "dx", counts(x.grad))

print("-- dilated, its gradients")
x = torch.randn(2, 4, 10, 10)
x[1, 2, 4, 4] = float("nan")
x.requires_grad_(True)
w = torch.randn(6, 4, 3, 3, requires_grad=True)
b = torch.randn(6, requires_grad=True)
y = F.conv2d(x, w, b, padding=2, dilation=2)
print(y.grad_fn.name(), counts(y))
y.sum().backward()
print("dw", counts(w.grad), "dx", counts(x.grad), "db", counts(b.grad))
finite = torch.isfinite(y[0])
print("image 0 finite:", bool(finite.all()), round(float(y[0].sum()), 3))
print("dx image 0:", round(float(x.grad[0].sum()), 3), "db", [round(v, 3) for v in b.grad.tolist()])
