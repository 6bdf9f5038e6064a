import torch
import torch.nn as nn

torch.manual_seed(5)
backbone = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
head = nn.Linear(4, 2)
model = nn.Sequential(backbone, head)
for p in backbone.parameters():
    p.requires_grad_(False)
backbone.eval()
trainable = [n for n, p in model.named_parameters() if p.requires_grad]
frozen = [n for n, p in model.named_parameters() if not p.requires_grad]
print("trainable:", trainable)
print("frozen:", frozen)
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.5)
print(len(opt.param_groups[0]["params"]))
before = backbone[0].weight.clone()
rm_before = backbone[1].running_mean.clone()
x = torch.randn(6, 3, 5, 5)
y = torch.tensor([0, 1, 0, 1, 1, 0])
for step in range(3):
    out = model(x)
    loss = nn.functional.cross_entropy(out, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, f"{loss.item():.4f}", backbone[0].weight.grad is None, head.weight.grad.abs().sum().item() > 0)
print(torch.equal(before, backbone[0].weight), torch.equal(rm_before, backbone[1].running_mean))
print(backbone.training, head.training, model.training)
model.train()
print(backbone[1].training)
for p in backbone[0].parameters():
    p.requires_grad = True
opt.add_param_group({"params": backbone[0].parameters(), "lr": 0.01})
print([g["lr"] for g in opt.param_groups], [len(g["params"]) for g in opt.param_groups])
out = model(x)
print(out.requires_grad, out.grad_fn.name())
feats = backbone(x).detach()
print(feats.requires_grad, feats.is_leaf)
