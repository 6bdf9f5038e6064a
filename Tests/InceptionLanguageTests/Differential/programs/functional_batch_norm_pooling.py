# F.batch_norm (training: the batch's statistics, the running ones moved in the tensors given;
# evaluation: the running ones), pooling beyond square windows: rectangular kernels, strides and
# padding, dilated max pooling, count_include_pad=False and divisor_override (functions and
# modules), F.normalize with p = 1, 3 and inf, pairwise_distance with p = 1, torch.pdist,
# F.bilinear, F.rrelu and F.alpha_dropout in both modes; values, gradients and messages.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(3, 2, 4, 5, requires_grad=True)
mean, var = torch.zeros(2), torch.ones(2)
weight, bias = torch.tensor([1.5, 0.5], requires_grad=True), torch.tensor([0.1, -0.2], requires_grad=True)
y = F.batch_norm(x, mean, var, weight, bias, training=True, momentum=0.3)
(y * torch.randn(3, 2, 4, 5)).sum().backward()
print(y[0, 0], mean, var, x.grad[1, 1], weight.grad, bias.grad)
print(F.batch_norm(x, mean, var, training=False)[2, 1], F.batch_norm(x[:, :, 0, 0], None, None, training=True))
for attempt in [lambda: F.batch_norm(x, None, None), lambda: F.batch_norm(x, torch.zeros(3), var),
                lambda: F.batch_norm(x[:1, :, :1, :1], None, None, training=True)]:
    try:
        print(attempt())
    except (RuntimeError, ValueError) as err:
        print(type(err).__name__, err)

p = torch.randn(2, 3, 6, 7, requires_grad=True)
for pooled in [F.max_pool2d(p, (2, 3)), F.max_pool2d(p, 3, stride=(1, 2), padding=(1, 0)), F.max_pool2d(p, 2, dilation=2),
               F.max_pool2d(p, (3, 2), stride=2, dilation=(2, 1), ceil_mode=True), F.avg_pool2d(p, (2, 3)),
               F.avg_pool2d(p, 3, stride=2, padding=1, count_include_pad=False), F.avg_pool2d(p, 2, divisor_override=3),
               F.avg_pool2d(p, (3, 2), stride=(2, 1), padding=(1, 1), ceil_mode=True, count_include_pad=False)]:
    p.grad = None
    pooled.sum().backward()
    print(pooled[1, 2], pooled.shape, p.grad[0, 0])
out, idx = F.max_pool2d(p, (2, 3), return_indices=True)
print(idx[0, 0], nn.MaxPool2d((2, 3), dilation=(1, 2)), nn.AvgPool2d(3, count_include_pad=False), nn.AvgPool2d((2, 1)))
print(nn.MaxPool2d(2, dilation=2)(p)[0, 0], nn.AvgPool2d(2, padding=1, count_include_pad=False)(p)[1, 1])
for attempt in [lambda: F.max_pool2d(p, 3, padding=2), lambda: F.avg_pool2d(p, (3, 2), padding=(1, 2)),
                lambda: F.avg_pool2d(p, 2, divisor_override=0), lambda: F.max_pool2d(p, 2, stride=(0, 1))]:
    try:
        print(attempt())
    except RuntimeError as err:
        print(type(err).__name__, err)

n = torch.randn(3, 4, requires_grad=True)
for pnorm in [1, 3, float("inf"), 0.5]:
    n.grad = None
    out = F.normalize(n, p=pnorm, dim=1)
    (out * torch.arange(12.0).reshape(3, 4)).sum().backward()
    print(out, n.grad)
print(F.pairwise_distance(n, n.flip(0), p=1), F.pairwise_distance(n, n.flip(0), p=3, keepdim=True), torch.pdist(n), F.pdist(n, p=1))
torch.pdist(n).sum().backward()
print(n.grad)
b1, b2 = torch.randn(4, 3, requires_grad=True), torch.randn(4, 2)
bw, bb = torch.randn(5, 3, 2), torch.randn(5)
print(F.bilinear(b1, b2, bw, bb), F.bilinear(b1, b2, bw))
F.bilinear(b1, b2, bw).sum().backward()
print(b1.grad)
r = torch.randn(8, requires_grad=True)
print(F.rrelu(r), F.rrelu(r, 0.2, 0.5, training=True), nn.RReLU(0.1, 0.3), nn.RReLU()(r), F.alpha_dropout(r, 0.3, True), nn.AlphaDropout(0.2))
d = nn.AlphaDropout(0.4)
print(d(r))
d.eval()
print(d(r), nn.RReLU().eval()(r))
