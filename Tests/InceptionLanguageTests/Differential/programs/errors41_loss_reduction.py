# Every loss checks reduction= as PyTorch does, when it is called (a loss layer is made with any
# value): ValueError "avg is not a valid value for reduction" (the value as str() writes it,
# None and 1 too); gaussian_nll_loss and multilabel_soft_margin_loss say "avg is not valid", and
# they and poisson_nll_loss give a TypeError for a value that is no str.
import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.randn(3, 4); t = torch.tensor([0, 1, 2]); y = torch.randn(3, 4); p = torch.rand(3, 4); b = (torch.rand(3, 4) > 0.5).float()
calls = {
    "F.mse_loss": lambda r: F.mse_loss(x, y, reduction=r), "F.l1_loss": lambda r: F.l1_loss(x, y, reduction=r),
    "F.smooth_l1_loss": lambda r: F.smooth_l1_loss(x, y, reduction=r), "F.huber_loss": lambda r: F.huber_loss(x, y, reduction=r),
    "F.cross_entropy": lambda r: F.cross_entropy(x, t, reduction=r), "F.nll_loss": lambda r: F.nll_loss(x, t, reduction=r),
    "F.binary_cross_entropy": lambda r: F.binary_cross_entropy(p, b, reduction=r),
    "F.binary_cross_entropy_with_logits": lambda r: F.binary_cross_entropy_with_logits(x, b, reduction=r),
    "F.kl_div": lambda r: F.kl_div(x, p, reduction=r), "F.soft_margin_loss": lambda r: F.soft_margin_loss(x, b, reduction=r),
    "F.cosine_embedding_loss": lambda r: F.cosine_embedding_loss(x, y, torch.ones(3), reduction=r),
    "F.margin_ranking_loss": lambda r: F.margin_ranking_loss(x, y, torch.ones(3, 4), reduction=r),
    "F.hinge_embedding_loss": lambda r: F.hinge_embedding_loss(x, b, reduction=r),
    "F.triplet_margin_loss": lambda r: F.triplet_margin_loss(x, y, p, reduction=r),
    "F.triplet_margin_with_distance_loss": lambda r: F.triplet_margin_with_distance_loss(x, y, p, reduction=r),
    "F.poisson_nll_loss": lambda r: F.poisson_nll_loss(x, p, reduction=r), "F.gaussian_nll_loss": lambda r: F.gaussian_nll_loss(x, y, p, reduction=r),
    "F.multi_margin_loss": lambda r: F.multi_margin_loss(x, t, reduction=r),
    "F.multilabel_soft_margin_loss": lambda r: F.multilabel_soft_margin_loss(x, b, reduction=r),
    "nn.MSELoss": lambda r: nn.MSELoss(reduction=r)(x, y), "nn.CrossEntropyLoss": lambda r: nn.CrossEntropyLoss(reduction=r)(x, t),
    "nn.BCELoss": lambda r: nn.BCELoss(reduction=r)(p, b), "nn.L1Loss": lambda r: nn.L1Loss(reduction=r)(x, y), "nn.NLLLoss": lambda r: nn.NLLLoss(reduction=r)(x, t),
    "nn.KLDivLoss": lambda r: nn.KLDivLoss(reduction=r)(x, p), "nn.HuberLoss": lambda r: nn.HuberLoss(reduction=r)(x, y),
    "nn.SmoothL1Loss": lambda r: nn.SmoothL1Loss(reduction=r)(x, y), "nn.BCEWithLogitsLoss": lambda r: nn.BCEWithLogitsLoss(reduction=r)(x, b),
    "nn.TripletMarginLoss": lambda r: nn.TripletMarginLoss(reduction=r)(x, y, p),
    "nn.CosineEmbeddingLoss": lambda r: nn.CosineEmbeddingLoss(reduction=r)(x, y, torch.ones(3)),
    "nn.MarginRankingLoss": lambda r: nn.MarginRankingLoss(reduction=r)(x, y, torch.ones(3, 4)), "nn.SoftMarginLoss": lambda r: nn.SoftMarginLoss(reduction=r)(x, b),
    "nn.HingeEmbeddingLoss": lambda r: nn.HingeEmbeddingLoss(reduction=r)(x, b), "nn.PoissonNLLLoss": lambda r: nn.PoissonNLLLoss(reduction=r)(x, p),
    "nn.GaussianNLLLoss": lambda r: nn.GaussianNLLLoss(reduction=r)(x, y, p), "nn.MultiMarginLoss": lambda r: nn.MultiMarginLoss(reduction=r)(x, t),
    "nn.MultiLabelSoftMarginLoss": lambda r: nn.MultiLabelSoftMarginLoss(reduction=r)(x, b),
    "nn.TripletMarginWithDistanceLoss": lambda r: nn.TripletMarginWithDistanceLoss(reduction=r)(x, y, p),
}
for name, f in calls.items():
    for r in ["avg", None, 1, "Mean", "none"]:
        try:
            v = f(r)
            print(name, repr(r), "->", tuple(v.shape))
        except Exception as e:
            print(name, repr(r), "!!", type(e).__name__, str(e).split("\n")[0])
for c in ["nn.CrossEntropyLoss(reduction='avg')", "nn.MSELoss(reduction=None)", "nn.NLLLoss(reduction=3)", "nn.GaussianNLLLoss(reduction='x')"]:
    print(c, "->", eval(c))
