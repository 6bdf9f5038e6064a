# the classic NLP loop on variable-length token sequences: collate pads a batch, the model embeds
# it, packs it (enforce_sorted=False), runs an LSTM and classifies the last hidden state;
# three Adam steps, then a bidirectional GRU tagger whose padded output feeds a masked loss
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence
from torch.utils.data import DataLoader

sentences = [[1, 4, 2, 7], [3, 5], [6, 2, 8, 9, 1], [4, 4, 4], [7, 1], [2, 9, 3]]
labels = [0, 1, 2, 1, 0, 2]

def collate(batch):
    tokens, ys = zip(*batch)
    lengths = torch.tensor([len(t) for t in tokens])
    padded = pad_sequence([torch.tensor(t) for t in tokens], batch_first=True, padding_value=0)
    return padded, lengths, torch.tensor(ys)

loader = DataLoader(list(zip(sentences, labels)), batch_size=3, shuffle=False, collate_fn=collate)

class Classifier(nn.Module):
    def __init__(self, vocab, dim, hidden, classes):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=0)
        self.rnn = nn.LSTM(dim, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)
    def forward(self, tokens, lengths):
        packed = pack_padded_sequence(self.emb(tokens), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h, _) = self.rnn(packed)
        return self.fc(h[-1])

model = Classifier(10, 4, 5, 3)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(3):
    total = 0.0
    for tokens, lengths, ys in loader:
        opt.zero_grad()
        loss = F.cross_entropy(model(tokens, lengths), ys)
        loss.backward()
        opt.step()
        total += loss.item()
    print(f"epoch {epoch} loss {total:.4f}")
model.eval()
with torch.no_grad():
    tokens, lengths, ys = next(iter(loader))
    print(tokens)
    print(lengths)
    print(model(tokens, lengths).argmax(1), ys)
print(f"{model.rnn.weight_hh_l0.sum().item():.4f} {model.fc.bias.sum().item():.4f}")

# a tagger: bidirectional GRU over packed embeddings, padded back, loss on the real steps only
class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 3)
        self.rnn = nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True)
        self.out = nn.Linear(8, 2)
    def forward(self, tokens, lengths):
        packed = pack_padded_sequence(self.emb(tokens), lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=tokens.size(1))
        return self.out(out)

tagger = Tagger()
sgd = torch.optim.SGD(tagger.parameters(), lr=0.5)
tokens, lengths, _ = collate(list(zip(sentences, labels)))
targets = tokens % 2
mask = torch.arange(tokens.size(1))[None, :] < lengths[:, None]
for step in range(3):
    sgd.zero_grad()
    logits = tagger(tokens, lengths)
    loss = F.cross_entropy(logits[mask], targets[mask])
    loss.backward()
    sgd.step()
    print(f"step {step} loss {loss.item():.4f} grad {tagger.rnn.weight_hh_l1_reverse.grad.abs().sum().item():.4f}")
print(logits.shape, mask.sum().item())
