# no_grad inference with argmax and topk, class names
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
classes = ('plane', 'car', 'bird', 'cat', 'deer', 'dog')
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 32), nn.ReLU(), nn.Linear(32, len(classes)))
images = torch.randn(4, 3, 4, 4)
labels = torch.tensor([1, 3, 5, 0])
model.eval()
with torch.no_grad():
    outputs = model(images)
    print(outputs.requires_grad, outputs.grad_fn)
    _, predicted = torch.max(outputs, 1)
    print('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}' for j in range(4)))
    print('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))
    probs = F.softmax(outputs, dim=1)
    top3_prob, top3_idx = torch.topk(probs, 3)
    for i in range(4):
        pairs = ", ".join(f"{classes[c]}={p:.3f}" for p, c in zip(top3_prob[i].tolist(), top3_idx[i].tolist()))
        print(f"image {i}: {pairs}")
    top1 = (outputs.argmax(1) == labels).sum().item()
    top3 = (top3_idx == labels.unsqueeze(1)).any(dim=1).sum().item()
    print(f"top-1 {top1}/4, top-3 {top3}/4")
    print(outputs.argmax(dim=1, keepdim=True).shape, outputs.argmax().item())
    vals, idx = outputs.topk(2, dim=0, largest=False, sorted=True)
    print(vals.shape, idx)
    correct_pred = {classname: 0 for classname in classes}
    total_pred = {classname: 0 for classname in classes}
    for label, prediction in zip(labels, predicted):
        if label == prediction:
            correct_pred[classes[label]] += 1
        total_pred[classes[label]] += 1
    for classname, correct_count in correct_pred.items():
        if total_pred[classname]:
            accuracy = 100 * float(correct_count) / total_pred[classname]
            print(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')
with torch.inference_mode():
    o = model(images)
print(o.is_inference(), o.requires_grad)
@torch.no_grad()
def predict(x):
    return model(x).softmax(-1).max(-1)
res = predict(images)
print(type(res).__name__, res.values.shape, res.indices.tolist() == predicted.tolist())
print(torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    print(model(images).requires_grad)
print(model(images).requires_grad)
