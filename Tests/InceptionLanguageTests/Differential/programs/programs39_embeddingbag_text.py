import torch
import torch.nn as nn

torch.manual_seed(0)
vocab = {"<unk>": 0, "good": 1, "bad": 2, "movie": 3, "great": 4, "awful": 5, "plot": 6}
samples = [("good movie", 1), ("awful plot", 0), ("great great movie", 1), ("bad", 0), ("good plot unknown", 1)]

def encode(s):
    return [vocab.get(w, 0) for w in s.split()]

def collate(batch):
    labels, text, offsets = [], [], [0]
    for s, l in batch:
        ids = torch.tensor(encode(s), dtype=torch.int64)
        text.append(ids); labels.append(l); offsets.append(ids.size(0))
    offsets = torch.tensor(offsets[:-1]).cumsum(dim=0)
    return torch.tensor(labels), torch.cat(text), offsets

class TextClf(nn.Module):
    def __init__(self, V, D, C):
        super().__init__()
        self.embedding = nn.EmbeddingBag(V, D, mode="mean")
        self.fc = nn.Linear(D, C)
        self.init_weights()
    def init_weights(self):
        r = 0.5
        self.embedding.weight.data.uniform_(-r, r)
        self.fc.weight.data.uniform_(-r, r)
        self.fc.bias.data.zero_()
    def forward(self, text, offsets):
        return self.fc(self.embedding(text, offsets))

model = TextClf(len(vocab), 6, 2)
print(model)
loader = torch.utils.data.DataLoader(samples, batch_size=3, shuffle=False, collate_fn=collate)
for labels, text, offsets in loader:
    print(labels, text, offsets)
opt = torch.optim.SGD(model.parameters(), lr=2.0)
sched = torch.optim.lr_scheduler.StepLR(opt, 1, gamma=0.5)
for epoch in range(4):
    total_acc, total_count = 0, 0
    for labels, text, offsets in loader:
        opt.zero_grad()
        pred = model(text, offsets)
        loss = nn.functional.cross_entropy(pred, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
        opt.step()
        total_acc += (pred.argmax(1) == labels).sum().item()
        total_count += labels.size(0)
    sched.step()
    print(f"| epoch {epoch:3d} | accuracy {total_acc / total_count:8.3f} | lr {sched.get_last_lr()[0]:.4f}")
eb = nn.EmbeddingBag(5, 2, mode="sum")
with torch.no_grad():
    eb.weight.copy_(torch.arange(10.).view(5, 2))
print(eb(torch.tensor([[0, 1], [2, 3]])))
print(eb(torch.tensor([1, 2, 4]), torch.tensor([0, 1]), per_sample_weights=torch.tensor([1.0, 2.0, 0.5])))
ebm = nn.EmbeddingBag.from_pretrained(torch.arange(10.).view(5, 2), mode="max")
print(ebm(torch.tensor([0, 4, 2]), torch.tensor([0, 2])))
frozen = nn.EmbeddingBag.from_pretrained(torch.ones(4, 3))
print(frozen, frozen.weight.requires_grad, frozen.mode)
tuned = nn.EmbeddingBag.from_pretrained(torch.ones(4, 3), freeze=False, mode="sum", padding_idx=0)
print(tuned, tuned.weight.requires_grad)
print(tuned(torch.tensor([[0, 1, 2], [3, 0, 0]])))
print(isinstance(tuned, nn.EmbeddingBag), type(tuned).__name__)
try:
    nn.EmbeddingBag.from_pretrained(torch.ones(4))
except AssertionError as e:
    print("AssertionError:", e)
