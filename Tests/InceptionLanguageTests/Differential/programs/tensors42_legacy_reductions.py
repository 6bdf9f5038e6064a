"""tensors42: the losses' legacy size_average= / reduce= decide the reduction as PyTorch's
_Reduction.legacy_get_string does (functional and modules, by name and by position), and the
loss modules read back their options (criterion.reduction)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
import warnings
warnings.simplefilter("ignore")

try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=False)(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(reduce=False)(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=True)(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=False, reduce=False)(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=False, reduction='none')(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(reduce=True, reduction='none')(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(None, None, 'sum')(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(False)(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=False).reduction)
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(reduce=False).reduction, nn.MSELoss(size_average=True, reduce=True).reduction)
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.MSELoss(size_average=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(F.mse_loss(a, b, size_average=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(F.mse_loss(a, b, reduce=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(F.mse_loss(a, b, False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(F.l1_loss(a, b, size_average=False), F.l1_loss(a, b, reduce=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(nn.L1Loss(size_average=False)(a, b), nn.SmoothL1Loss(reduce=False)(a, b), nn.HuberLoss()(a, b))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([1., 2., 3.]); b = torch.tensor([2., 2., 5.])
    print(F.smooth_l1_loss(a, b, size_average=False), F.smooth_l1_loss(a, b, reduce=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(F.cross_entropy(x, t, reduce=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(F.cross_entropy(x, t, size_average=False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(F.cross_entropy(x, t, None, False))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(nn.CrossEntropyLoss(size_average=False)(x, t), nn.CrossEntropyLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(nn.CrossEntropyLoss(None, True, -100, False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    print(nn.CrossEntropyLoss(reduce=False, ignore_index=2)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]).log_softmax(1); t = torch.tensor([0, 2])
    print(F.nll_loss(x, t, size_average=False), F.nll_loss(x, t, reduce=False), nn.NLLLoss(size_average=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([0., 1.])
    print(F.binary_cross_entropy(x, t, size_average=False), nn.BCELoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([0., 1.])
    print(F.binary_cross_entropy_with_logits(x, t, size_average=False), nn.BCEWithLogitsLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]).log(); t = torch.tensor([0.4, 0.6])
    print(F.kl_div(x, t, size_average=False), nn.KLDivLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([1., -1.])
    print(F.soft_margin_loss(x, t, size_average=False), nn.SoftMarginLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[0.2, 0.7, 0.1]]); t = torch.tensor([1])
    print(F.multi_margin_loss(x, t, size_average=False), nn.MultiMarginLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[0.2, 0.7, 0.1]]); t = torch.tensor([[1., 0., 1.]])
    print(F.multilabel_soft_margin_loss(x, t, size_average=False), nn.MultiLabelSoftMarginLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([1., -1.])
    print(F.hinge_embedding_loss(x, t, size_average=False), nn.HingeEmbeddingLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([0.2, 0.7]); b = torch.tensor([0.5, 0.1]); t = torch.tensor([1., -1.])
    print(F.margin_ranking_loss(a, b, t, size_average=False), nn.MarginRankingLoss(reduce=False)(a, b, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([[0.2, 0.7]]); b = torch.tensor([[0.5, 0.1]]); t = torch.tensor([-1.])
    print(F.cosine_embedding_loss(a, b, t, size_average=False), nn.CosineEmbeddingLoss(reduce=False)(a, b, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    a = torch.tensor([[0.2, 0.7]]); p = torch.tensor([[0.5, 0.1]]); n = torch.tensor([[0.3, 0.3]])
    print(F.triplet_margin_loss(a, p, n, size_average=False), nn.TripletMarginLoss(reduce=False)(a, p, n))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([1., 3.])
    print(F.poisson_nll_loss(x, t, size_average=False), nn.PoissonNLLLoss(reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([0.2, 0.7]); t = torch.tensor([1., 3.])
    print(nn.GaussianNLLLoss()(x, t, torch.ones(2)))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(nn.MSELoss(size_average=False, reduce=True)(x, t), nn.MSELoss(size_average=True, reduce=False)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(nn.MSELoss(size_average=None, reduce=None, reduction='sum')(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(nn.MSELoss(size_average=0)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(nn.MSELoss(reduce=0)(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(nn.MSELoss(size_average='x')(x, t))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([1., 2.]); t = torch.tensor([2., 4.])
    print(F.mse_loss(x, t, size_average=False, reduction='none'))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2.], [3., 4.]]); t = torch.tensor([[2., 4.], [0., 1.]])
    m = nn.L1Loss(reduce=False)
    print(m(x, t).sum(1))
except Exception as e:
    print(type(e).__name__ + ':', e)
try:
    x = torch.tensor([[1., 2., 0.5], [0.1, 0.2, 3.]]); t = torch.tensor([0, 2])
    m = nn.CrossEntropyLoss(size_average=False)
    print(m.reduction, m.ignore_index)
except Exception as e:
    print(type(e).__name__ + ':', e)
