import torch
import torch.nn as nn

cfg = [8, "M", 16, 16, "M", 32, "M"]

def make_layers(cfg, batch_norm=False, in_channels=3):
    layers = []
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            layers += [conv, nn.BatchNorm2d(v), nn.ReLU(inplace=True)] if batch_norm else [conv, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)

class VGG(nn.Module):
    def __init__(self, features, num_classes=5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((2, 2))
        self.classifier = nn.Sequential(nn.Linear(32 * 2 * 2, 64), nn.ReLU(True), nn.Dropout(), nn.Linear(64, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)

torch.manual_seed(17)
for bn in (False, True):
    model = VGG(make_layers(cfg, batch_norm=bn))
    n = sum(p.numel() for p in model.parameters())
    print(f"batch_norm={bn}: {len(model.features)} feature layers, {n:,} parameters")
print(model.classifier)
x = torch.randn(2, 3, 32, 32)
print(f"{'layer':<22}{'output':<20}{'params':>8}")
print("-" * 50)
h = x
for i, layer in enumerate(model.features):
    h = layer(h)
    n = sum(p.numel() for p in layer.parameters())
    print(f"{type(layer).__name__ + '-' + str(i):<22}{str(list(h.shape)):<20}{n:>8,}")
model.eval()
out = model(x)
print(out.shape, f"{out.abs().sum().item():.4f}")
print(model.features[0].weight.data.norm(p=2, dim=(1, 2, 3))[:4])
try:
    model.features[0].weight.data.norm(dim=(1, 2, 3))
except RuntimeError as e:
    print("RuntimeError:", e)
print(model.features[0].weight.data.flatten(1).norm(dim=1)[:4])
widths = [m.out_channels for m in model.modules() if isinstance(m, nn.Conv2d)]
print(widths, max(widths), sum(widths) / len(widths))
