# Sequence classifier without recurrence: nn.Embedding(padding_idx) -> Conv1d stack -> global max
# pool, with a hand-built vocabulary, padding, masking and a short training loop.
import torch
import torch.nn as nn
import torch.nn.functional as F

sentences = [
    "the movie was great fun",
    "a truly awful film",
    "great acting and a fun plot",
    "awful boring and too long",
    "i loved it",
    "i hated every minute",
]
labels = torch.tensor([1, 0, 1, 0, 1, 0])
vocab = {"<pad>": 0, "<unk>": 1}
for s in sentences:
    for w in s.split():
        if w not in vocab:
            vocab[w] = len(vocab)
print(len(vocab), list(vocab.items())[:5])


def encode(s, max_len=6):
    ids = [vocab.get(w, vocab["<unk>"]) for w in s.split()][:max_len]
    return ids + [vocab["<pad>"]] * (max_len - len(ids))


batch = torch.tensor([encode(s) for s in sentences])
print(batch)
mask = batch != 0
print(mask.sum(dim=1).tolist())


class ConvClassifier(nn.Module):
    def __init__(self, vocab_size, emb_dim=8, channels=12, n_classes=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.convs = nn.ModuleList([nn.Conv1d(emb_dim, channels, k, padding=k // 2) for k in (1, 3, 5)])
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(channels * 3, n_classes)

    def forward(self, ids):
        e = self.emb(ids)                 # (B, T, E)
        e = e.permute(0, 2, 1)            # (B, E, T)
        feats = []
        for conv in self.convs:
            h = F.relu(conv(e))           # (B, C, T)
            feats.append(F.adaptive_max_pool1d(h, 1).squeeze(-1))
        return self.out(self.drop(torch.cat(feats, dim=1)))


model = ConvClassifier(len(vocab))
print(model.emb.weight[0].abs().sum().item())
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(30):
    model.train()
    opt.zero_grad()
    logits = model(batch)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    opt.step()
    if step % 10 == 9:
        acc = (logits.argmax(-1) == labels).float().mean()
        print(f"step {step + 1:3d} loss {loss.item():.4f} acc {acc.item():.2f}")
print("pad row grad:", model.emb.weight.grad[0].abs().sum().item())
model.eval()
with torch.no_grad():
    test = torch.tensor([encode("great fun film"), encode("boring unknownword")])
    probs = torch.softmax(model(test), dim=-1)
    print(test)
    print(probs.round(decimals=3))
    print(probs.argmax(dim=-1).tolist())
print(model.convs[1].weight.shape, model.convs[2].padding, model.convs[0].kernel_size)
