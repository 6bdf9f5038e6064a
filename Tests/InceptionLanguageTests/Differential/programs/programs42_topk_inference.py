# Inference script: model.eval() + torch.no_grad(), softmax probabilities, top-k class names with
# percentages, argmax, thresholded predictions, inference_mode, and a batched predict helper.
import torch
import torch.nn as nn
import torch.nn.functional as F

classes = ("plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, len(classes)))
images = torch.randn(3, 3, 4, 4)

model.eval()
with torch.no_grad():
    logits = model(images)
    probs = F.softmax(logits, dim=1)
print(logits.requires_grad, probs.requires_grad, torch.is_grad_enabled())
top_p, top_i = probs.topk(3, dim=1)
print(top_p.shape, top_i.dtype)
for n in range(images.size(0)):
    desc = ", ".join(f"{classes[i]} ({p * 100:.1f}%)" for p, i in zip(top_p[n].tolist(), top_i[n].tolist()))
    print(f"image {n}: {desc}")
values, indices = torch.topk(probs, k=2, dim=-1, largest=False, sorted=True)
print(indices.tolist())
print(torch.sort(probs[0], descending=True).indices[:3].tolist() == top_i[0].tolist())
conf, pred = torch.max(probs, 1)
print("predicted:", " ".join(f"{classes[p]:>5s}" for p in pred))
print([round(c, 4) for c in conf.tolist()])
print(probs.sum(dim=1))
print((probs > 0.15).sum(dim=1).tolist())
print(F.log_softmax(logits, 1).exp().allclose(probs))

with torch.inference_mode():
    out = model(images)
print(out.requires_grad, torch.is_inference_mode_enabled())


@torch.no_grad()
def predict(model, x, batch_size=2):
    model.eval()
    outs = [model(x[i:i + batch_size]).softmax(-1) for i in range(0, len(x), batch_size)]
    return torch.cat(outs)


p = predict(model, torch.randn(5, 3, 4, 4))
print(p.shape, p.requires_grad)
entropy = -(p * p.log()).sum(1)
print(entropy.round(decimals=4))
model.train()
with torch.no_grad():
    a, b = model(images), model(images)
print(torch.equal(a, b))
torch.set_grad_enabled(False)
print(model(images).requires_grad)
torch.set_grad_enabled(True)
print(model(images).requires_grad)
print(torch.topk(torch.tensor([1, 3, 2, 3]), 2))
