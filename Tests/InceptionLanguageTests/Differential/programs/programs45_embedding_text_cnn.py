import torch
import torch.nn as nn
import torch.nn.functional as F

vocab = {w: i for i, w in enumerate(["<pad>", "the", "cat", "sat", "on", "mat", "dog", "ran", "fast"])}
sentences = ["the cat sat on the mat", "the dog ran fast", "cat ran", "the mat sat"]
labels = torch.tensor([0, 1, 1, 0])
encoded = [[vocab[w] for w in s.split()] for s in sentences]
maxlen = max(len(e) for e in encoded)
batch = torch.tensor([e + [0] * (maxlen - len(e)) for e in encoded])
print(batch)
print((batch != 0).sum(1))

class TextCNN(nn.Module):
    def __init__(self, vocab_size, dim=6, filters=(2, 3), n=4, classes=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.convs = nn.ModuleList(nn.Conv1d(dim, n, k) for k in filters)
        self.fc = nn.Linear(n * len(filters), classes)

    def forward(self, ids):
        e = self.emb(ids).transpose(1, 2)
        pooled = [F.relu(c(e)).max(dim=2).values for c in self.convs]
        return self.fc(torch.cat(pooled, 1))

torch.manual_seed(20)
m = TextCNN(len(vocab))
print(m)
print(m.emb.weight[0], m.emb.weight.shape)
opt = torch.optim.Adam(m.parameters(), lr=0.05)
for step in range(5):
    loss = F.cross_entropy(m(batch), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4), m.emb.weight.grad[0].abs().sum().item())
pred = m(batch).argmax(1)
inv = {i: w for w, i in vocab.items()}
for ids, p in zip(batch.tolist(), pred.tolist()):
    print(" ".join(inv[i] for i in ids if i), "->", p)
bag = nn.EmbeddingBag(len(vocab), 3, mode="mean")
print(bag(batch).shape)
