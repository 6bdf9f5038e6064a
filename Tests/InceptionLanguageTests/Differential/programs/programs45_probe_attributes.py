import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader
lin = nn.Linear(2, 3)
opt = torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9)
S = torch.optim.lr_scheduler
objs = {
    "conv": (nn.Conv2d(2, 4, 3, stride=2, padding=1, groups=2), ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "padding_mode", "transposed", "output_padding"]),
    "conv1d": (nn.Conv1d(2, 4, 3), ["kernel_size", "stride", "padding", "dilation", "groups", "padding_mode"]),
    "convT": (nn.ConvTranspose2d(2, 4, 2, stride=2), ["kernel_size", "stride", "padding", "output_padding", "transposed"]),
    "bn": (nn.BatchNorm2d(3), ["num_features", "eps", "momentum", "affine", "track_running_stats"]),
    "bn1d": (nn.BatchNorm1d(3, affine=False), ["num_features", "affine", "weight", "bias"]),
    "ln": (nn.LayerNorm([2, 3]), ["normalized_shape", "eps", "elementwise_affine"]),
    "gn": (nn.GroupNorm(2, 4), ["num_groups", "num_channels", "eps", "affine"]),
    "lin": (lin, ["in_features", "out_features"]),
    "drop": (nn.Dropout(0.2), ["p", "inplace"]),
    "drop2d": (nn.Dropout2d(0.1), ["p", "inplace"]),
    "mp": (nn.MaxPool2d(3, 2, 1), ["kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"]),
    "ap": (nn.AvgPool2d(2), ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"]),
    "aap": (nn.AdaptiveAvgPool2d((1, 2)), ["output_size"]),
    "amp": (nn.AdaptiveMaxPool2d(1), ["output_size", "return_indices"]),
    "emb": (nn.Embedding(10, 4, padding_idx=0), ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "scale_grad_by_freq", "sparse"]),
    "lstm": (nn.LSTM(3, 5, num_layers=2, batch_first=True), ["input_size", "hidden_size", "num_layers", "batch_first", "bidirectional", "dropout", "bias"]),
    "flat": (nn.Flatten(), ["start_dim", "end_dim"]),
    "lrelu": (nn.LeakyReLU(0.2), ["negative_slope", "inplace"]),
    "elu": (nn.ELU(0.5), ["alpha", "inplace"]),
    "gelu": (nn.GELU("tanh"), ["approximate"]),
    "softmax": (nn.Softmax(dim=1), ["dim"]),
    "ce": (nn.CrossEntropyLoss(label_smoothing=0.1, ignore_index=3), ["reduction", "label_smoothing", "ignore_index", "weight"]),
    "mse": (nn.MSELoss(), ["reduction"]),
    "bce": (nn.BCEWithLogitsLoss(), ["reduction", "pos_weight", "weight"]),
    "huber": (nn.HuberLoss(delta=0.5), ["delta", "reduction"]),
    "prelu": (nn.PReLU(3), ["num_parameters"]),
    "up": (nn.Upsample(scale_factor=2), ["scale_factor", "mode", "align_corners", "size"]),
    "ps": (nn.PixelShuffle(2), ["upscale_factor"]),
    "opt": (opt, ["defaults"]),
    "step": (S.StepLR(opt, 3, 0.5), ["step_size", "gamma", "base_lrs", "last_epoch"]),
    "cos": (S.CosineAnnealingLR(opt, 10), ["T_max", "eta_min", "base_lrs"]),
    "exp": (S.ExponentialLR(opt, 0.9), ["gamma"]),
    "ms": (S.MultiStepLR(opt, [2, 4]), ["milestones", "gamma"]),
    "td": (TensorDataset(torch.zeros(3, 2), torch.ones(3)), ["tensors"]),
    "dl": (DataLoader(TensorDataset(torch.zeros(3, 2)), batch_size=2, drop_last=True), ["batch_size", "drop_last"]),
}
for key, (obj, names) in objs.items():
    vals = []
    for n in names:
        try:
            v = getattr(obj, n)
            vals.append(f"{n}={v!r}" if not isinstance(v, torch.Tensor) else f"{n}=T{tuple(v.shape)}")
        except AttributeError as e:
            vals.append(f"{n}=<AttributeError>")
    print(key, ", ".join(vals))
