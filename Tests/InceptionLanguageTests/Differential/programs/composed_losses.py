# The losses PyTorch composes from other operations, as functions and as nn modules: margin
# ranking, hinge embedding, soft margin, cosine embedding, multilabel soft margin, multi margin
# (p 1 and 2, class weights), triplet margin (p, swap), Poisson NLL (log_input, full), Gaussian
# NLL (var per element, one per row, full), KL divergence (batchmean, log_target) and
# cross-entropy against class probabilities (label smoothing, weights): values, reductions,
# gradients and the messages of what they refuse.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(4, 5, requires_grad=True)
y = torch.randn(4, 5) * 1.5
sign = torch.tensor([1.0, -1.0, -1.0, 1.0])
labels = torch.tensor([0, 3, 1, 4])

def show(loss):
    x.grad = None
    loss.sum().backward()
    print(loss, x.grad)

for reduction in ["mean", "sum", "none"]:
    show(F.margin_ranking_loss(x[:, 0], y[:, 0], sign, margin=0.2, reduction=reduction))
    show(F.hinge_embedding_loss(x, torch.sign(y), margin=0.5, reduction=reduction))
    show(F.soft_margin_loss(x, torch.sign(y), reduction=reduction))
    show(F.cosine_embedding_loss(x, y, sign, margin=0.1, reduction=reduction))
    show(F.multilabel_soft_margin_loss(x, (y > 0).float(), reduction=reduction))
    show(F.multi_margin_loss(x, labels, reduction=reduction))
    show(F.triplet_margin_loss(x, y, y.flip(0), reduction=reduction))
    show(F.poisson_nll_loss(x, y.abs(), reduction=reduction))
    show(F.gaussian_nll_loss(x, y, y.abs() + 0.5, reduction=reduction))
    show(F.kl_div(F.log_softmax(x, 1), F.softmax(y, 1), reduction=reduction))
    show(F.cross_entropy(x, F.softmax(y, 1), reduction=reduction))

show(F.multilabel_soft_margin_loss(x, (y > 0).float(), weight=torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])))
show(F.multi_margin_loss(x, labels, p=2, margin=0.5, weight=torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])))
show(F.multi_margin_loss(x[0], labels[0]))
show(F.triplet_margin_loss(x, y, y.flip(0), margin=2.0, p=1, swap=True))
show(F.poisson_nll_loss(x, y.abs() * 3, log_input=False, full=True) if False else F.poisson_nll_loss(x.abs() + 0.1, y.abs() * 3, log_input=False, full=True))
show(F.gaussian_nll_loss(x, y, torch.ones(4, 1) * 0.7, full=True))
show(F.gaussian_nll_loss(x, y, torch.ones(4), eps=0.9))
show(F.kl_div(F.log_softmax(x, 1), F.softmax(y, 1), reduction="batchmean"))
show(F.kl_div(F.log_softmax(x, 1), F.log_softmax(y, 1), reduction="sum", log_target=True))
show(F.cross_entropy(x, F.softmax(y, 1), label_smoothing=0.2))
show(F.cross_entropy(x, F.softmax(y, 1), weight=torch.tensor([1.0, 2.5, 0.5, 1.0, 3.0]), reduction="mean"))
show(F.cross_entropy(x, F.softmax(y, 1), weight=torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0]), label_smoothing=0.1, reduction="none"))
print(torch.xlogy(torch.tensor([0.0, 1.0, 2.0]), torch.tensor([0.0, 2.0, 3.0])), torch.tensor([1.0, 2.0]).xlogy(torch.tensor([3.0, 4.0])))

modules = [nn.MarginRankingLoss(margin=0.1), nn.HingeEmbeddingLoss(), nn.SoftMarginLoss(reduction="sum"), nn.CosineEmbeddingLoss(),
           nn.MultiLabelSoftMarginLoss(), nn.MultiMarginLoss(p=2), nn.TripletMarginLoss(margin=0.5), nn.PoissonNLLLoss(),
           nn.GaussianNLLLoss(), nn.KLDivLoss(reduction="batchmean")]
print(modules)
print(modules[0](x[:, 1], y[:, 1], sign), modules[1](x, torch.sign(y)), modules[2](x, torch.sign(y)), modules[3](x, y, sign))
print(modules[4](x, (y > 0).float()), modules[5](x, labels), modules[6](x, y, y.flip(0)), modules[7](x, y.abs()))
print(modules[8](x, y, torch.ones(4, 5)), modules[9](F.log_softmax(x, 1), F.softmax(y, 1)))
print(nn.CrossEntropyLoss(label_smoothing=0.1)(x, F.softmax(y, 1)))

for attempt in [lambda: F.margin_ranking_loss(x, y[:, 0], sign), lambda: F.cosine_embedding_loss(x, y, torch.ones(4, 1)),
                lambda: F.cosine_embedding_loss(x, y, torch.tensor(1.0)), lambda: F.multi_margin_loss(x, labels, p=3),
                lambda: F.triplet_margin_loss(x, y, y[0]), lambda: F.gaussian_nll_loss(x, y, torch.ones(3)),
                lambda: F.gaussian_nll_loss(x, y, -torch.ones(4, 5)), lambda: F.soft_margin_loss(x, y, reduction="average")]:
    try:
        print(attempt())
    except (RuntimeError, ValueError) as err:
        print(type(err).__name__, err)
