# Pooling and resampling of integer and bool tensors: what PyTorch computes and what it refuses
import torch
import torch.nn as nn
import torch.nn.functional as F

L = torch.tensor([[1, 3, 2, 4]])
L1 = torch.arange(12).view(1, 3, 4)
L3 = torch.arange(24).view(1, 3, 2, 4)
cases = [
    ("max_pool1d 2-D", lambda: F.max_pool1d(L, 2)),
    ("max_pool1d 3-D", lambda: F.max_pool1d(L1, 2)),
    ("max_pool1d indices", lambda: F.max_pool1d(L1, 2, return_indices=True)),
    ("MaxPool1d", lambda: nn.MaxPool1d(2)(L1)),
    ("max_pool1d bool", lambda: F.max_pool1d(torch.tensor([[[True, False]]]), 2)),
    ("max_pool2d", lambda: F.max_pool2d(L3, 2)),
    ("avg_pool1d", lambda: F.avg_pool1d(torch.tensor([[[1, 2, -1, -2, 5, 6]]]), 2)),
    ("AvgPool1d", lambda: nn.AvgPool1d(2)(torch.tensor([[[1, 2, -1, -2, 5, 6]]]))),
    ("avg_pool2d", lambda: F.avg_pool2d(torch.tensor([[[[1, 2], [-1, -3]]]]), 2)),
    ("avg_pool2d no pad count", lambda: F.avg_pool2d(L3, 2, count_include_pad=False, padding=1)),
    ("avg_pool2d divisor", lambda: F.avg_pool2d(L3, 2, divisor_override=3)),
    ("avg_pool1d bool", lambda: F.avg_pool1d(torch.tensor([[[True, False]]]), 2)),
    ("adaptive_max_pool2d", lambda: F.adaptive_max_pool2d(L3, 1)),
    ("AdaptiveMaxPool2d", lambda: nn.AdaptiveMaxPool2d(1)(L3)),
    ("Upsample", lambda: nn.Upsample(scale_factor=2)(torch.ones(1, 1, 2, 2, dtype=torch.long))),
    ("nearest 2-D", lambda: F.interpolate(L3, scale_factor=2)),
    ("bilinear", lambda: F.interpolate(L3, scale_factor=2, mode="bilinear")),
    ("bicubic", lambda: F.interpolate(L3, scale_factor=2, mode="bicubic")),
    ("nearest 1-D", lambda: F.interpolate(L1, scale_factor=2)),
    ("linear", lambda: F.interpolate(L1, scale_factor=2, mode="linear")),
    ("nearest bool", lambda: F.interpolate(L3.bool(), scale_factor=2)),
    ("bilinear int", lambda: F.interpolate(L3.int(), size=(1, 2), mode="bilinear", align_corners=True)),
    ("tanhshrink bool", lambda: F.tanhshrink(torch.tensor([True]))),
    ("tanhshrink long", lambda: F.tanhshrink(torch.tensor([1, 2]))),
]
for label, f in cases:
    try:
        print(label, f())
    except NotImplementedError as e:
        print(label, "NotImplementedError:", e)
