# Gradients where PyTorch's backward formulas decide the edge cases: ties, NaNs, signed zeros,
# kinks, a second backward through nodes that save nothing, and the target's gradient of losses.
import torch
import torch.nn.functional as F

nan, inf = float('nan'), float('inf')


def grads(make, *values):
    xs = [torch.tensor(v, requires_grad=True) for v in values]
    try:
        r = make(*xs)
        (r * torch.linspace(-1.0, 2.0, r.numel()).reshape(r.shape)).sum().backward()
        print(*[x.grad for x in xs])
    except RuntimeError as e:
        print('RuntimeError', str(e).split('\n')[0][:80])


# amax / amin multiply by the mask (−0 off it, NaN everywhere with a NaN); max() / min() / median() share evenly
for f in [lambda x: x.amax(), lambda x: x.amin(), lambda x: x.max(), lambda x: x.min(), lambda x: x.median(),
          lambda x: x.nanmedian(), lambda x: torch.aminmax(x)[1], lambda x: x.amax(0)]:
    grads(f, [1.0, 2.0, 2.0, 0.5, 1.0])
    grads(f, [1.0, nan, 2.0, 1.0])
grads(lambda x: x.amax(1, keepdim=True), [[1.0, nan], [2.0, 2.0], [0.0, -1.0]])
grads(lambda x: x.median(), torch.zeros(2, 0).tolist())

# nansum / nanmean multiply by "not NaN"
grads(lambda x: x.nansum(), [[nan, 2.0], [1.5, -0.5]])
grads(lambda x: x.nanmean(0), [[nan, 2.0], [1.5, nan]])

# dot and mv: element-wise products keep −0
grads(lambda x, y: torch.dot(x, y), [1.0, 0.0, 2.0], [0.0, 3.0, -0.0])
grads(lambda a, v: torch.mv(a, v), [[0.0, 1.0], [1.0, 0.0]], [0.0, 2.0])

# kinks and NaN: each backward's own comparison decides
x = [nan, 1.0, -1.0, 0.0, 6.0, 3.0]
for f in [F.relu, F.relu6, F.hardtanh, F.elu, F.celu, F.selu, lambda v: F.elu(v, 0.5), F.softshrink,
          F.hardshrink, F.hardsigmoid, F.leaky_relu, lambda v: F.threshold(v, 0.5, 2.0), torch.relu]:
    grads(f, x)
grads(lambda v: torch.logit(v), [0.25, 1.0, -1.0, 0.0, 2.0, nan])
grads(lambda v: torch.logit(v, eps=0.1), [0.25, 1.0, -1.0, 0.0, 0.95, nan])

# losses: NaN differences in smooth L1 and Huber; the target's gradient of BCE
grads(lambda a, b: F.smooth_l1_loss(a, b), [nan, 1.0, 0.5, 2.0], [0.0, 3.0, nan, 0.0])
grads(lambda a, b: F.huber_loss(a, b, reduction='sum'), [nan, 1.0, 0.5, 2.0], [0.0, 3.0, nan, 0.0])
grads(lambda a, b: F.binary_cross_entropy(a.sigmoid(), b.sigmoid()), [2.0, -1.0, 1.0], [1.0, 4.0, 0.0])
grads(lambda a, b: F.binary_cross_entropy_with_logits(a, b.sigmoid(), reduction='sum'), [2.0, -1.0, 1.0], [1.0, 4.0, 0.0])
grads(lambda a, b: F.binary_cross_entropy_with_logits(a, b.sigmoid(), pos_weight=torch.tensor([2.0, 0.5, 1.0])), [2.0, -1.0, 1.0], [1.0, 4.0, 0.0])
grads(lambda a, b: F.binary_cross_entropy(a.sigmoid(), b.sigmoid(), weight=torch.tensor([2.0, 0.5, 1.0])), [2.0, -1.0, 1.0], [1.0, 4.0, 0.0])

# fmod: the divisor's gradient too, broadcast and summed back
grads(lambda a, b: torch.fmod(a, b), [[-0.5, 0.75, -0.89]], [-0.35])
grads(lambda a, b: a.fmod(b), [[2.5, -3.0], [1.0, 4.0]], [[1.5], [-2.0]])

# the 2-norm's backward: x · (g / ‖x‖)
grads(lambda v: F.normalize(v, dim=1), [[-1.0], [1.0], [3.0]])
grads(lambda v: v.norm(dim=0), [[3.0, 0.0], [4.0, 0.0]])
grads(lambda a, b: F.pairwise_distance(a, b), [[1.0, inf, 1.0], [-inf, nan, 3.0]], [4.0, -1.74, 0.65])

# a second backward through step functions and views, which save no tensors
for make in ['x.floor()', 'x.ceil()', 'x.round()', 'x.round(decimals=1)', 'x.trunc()', 'x.sign()', 'x.frac()',
             'x.deg2rad()', 'x.rad2deg()', 'x.diag()', 'x.unfold(0, 1, 1)', 'x.repeat_interleave(2)', 'x.exp()', 'x * 2']:
    x = torch.tensor([[0.5, -1.25], [2.0, 0.0]], requires_grad=True)
    try:
        s = eval(make).sum()
        s.backward()
        s.backward()
        print(make, x.grad.tolist())
    except RuntimeError as e:
        print(make, 'RuntimeError', str(e)[:50])

# empty and 0-d inputs: PyTorch's words
for shape, dim, index in [((2, 0), 1, [0]), ((2, 0), 0, [-1]), ((2, 0), 0, []), ((0, 2), 0, [1]), ((), 0, []), ((), 0, [0, 0])]:
    try:
        print(torch.zeros(shape).index_select(dim, torch.tensor(index, dtype=torch.int64)).shape)
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)
try:
    torch.zeros(2, 0).take(torch.tensor([0]))
except IndexError as e:
    print('IndexError', e)
for ns in [(), (0,), 0, [3]]:
    try:
        print(F.layer_norm(torch.zeros(2, 0) if ns != [3] else torch.ones(2, 3), ns).shape)
    except (RuntimeError, TypeError) as e:
        print(type(e).__name__, e)
print(torch.nn.LayerNorm(()), torch.nn.LayerNorm(0))
