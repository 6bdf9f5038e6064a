# A hand-written model summary (torchsummary style): forward hooks record each leaf module's output
# shape, parameters counted per layer, a formatted table with f-string alignment and thousands
# separators, memory estimate and trainable vs frozen totals.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


def summary(model, input_size):
    rows, hooks = [], []

    def hook(module, inp, out):
        cls = module.__class__.__name__
        params = sum(p.numel() for p in module.parameters(recurse=False))
        rows.append((f"{cls}-{len(rows) + 1}", list(out.shape), params))

    for name, m in model.named_modules():
        if len(list(m.children())) == 0:
            hooks.append(m.register_forward_hook(hook))
    model.eval()
    with torch.no_grad():
        model(torch.zeros(2, *input_size))
    for h in hooks:
        h.remove()
    line = "-" * 64
    print(line)
    print(f"{'Layer (type)':>25}  {'Output Shape':>25} {'Param #':>10}")
    print("=" * 64)
    for name, shape, params in rows:
        shape[0] = -1
        print(f"{name:>25}  {str(shape):>25} {params:>10,}")
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print("=" * 64)
    print(f"Total params: {total:,}")
    print(f"Trainable params: {trainable:,}")
    print(f"Non-trainable params: {total - trainable:,}")
    size_mb = total * 4 / (1024 ** 2)
    print(f"Params size (MB): {size_mb:.2f}")
    print(line)
    return len(hooks)


net = Net()
print(summary(net, (3, 16, 16)))
for p in net.features.parameters():
    p.requires_grad_(False)
summary(net, (3, 16, 16))
print(net.training)
print(f"{'name':<28}|{'shape':^16}|{'numel':>7}")
for name, p in net.named_parameters():
    print(f"{name:<28}|{str(tuple(p.shape)):^16}|{p.numel():>7d}")
buffers = {n: b.shape for n, b in net.named_buffers()}
print(buffers)
print(sum(b.numel() for b in net.buffers()))
print(f"{12345678:,} {0.000123:.2e} {3.14159:8.3f}| {42:08d} {-7:+d} {255:x} {255:#o} {0.25:.1%}")
print(len(list(net.modules())), len(list(net.children())), [n for n, _ in net.named_children()])
