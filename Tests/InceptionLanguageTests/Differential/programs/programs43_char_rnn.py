# char-level GRU generating text with torch.multinomial
import torch
import torch.nn as nn
torch.manual_seed(0)
text = "hello world. hello torch. the quick brown fox jumps over the lazy dog."
chars = sorted(list(set(text)))
vocab_size = len(chars)
stoi = {ch: i for i, ch in enumerate(chars)}
itos = {i: ch for ch, i in stoi.items()}
print(f"vocab size: {vocab_size}")
print(repr(''.join(chars)))
encode = lambda s: [stoi[c] for c in s]
decode = lambda l: ''.join([itos[i] for i in l])
data = torch.tensor(encode(text), dtype=torch.long)
print(data.shape, data.dtype, data[:10])

class CharRNN(nn.Module):
    def __init__(self, vocab_size, hidden_size=32, n_layers=1):
        super().__init__()
        self.hidden_size = hidden_size
        self.n_layers = n_layers
        self.embed = nn.Embedding(vocab_size, 16)
        self.gru = nn.GRU(16, hidden_size, n_layers, batch_first=True)
        self.fc = nn.Linear(hidden_size, vocab_size)

    def forward(self, x, hidden=None):
        emb = self.embed(x)
        out, hidden = self.gru(emb, hidden)
        return self.fc(out), hidden

    def init_hidden(self, batch_size):
        return torch.zeros(self.n_layers, batch_size, self.hidden_size)

model = CharRNN(vocab_size)
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
seq_len = 16
for step in range(30):
    ix = torch.randint(len(data) - seq_len - 1, (4,))
    x = torch.stack([data[i:i + seq_len] for i in ix])
    y = torch.stack([data[i + 1:i + seq_len + 1] for i in ix])
    logits, _ = model(x)
    loss = loss_fn(logits.view(-1, vocab_size), y.view(-1))
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 5.0)
    opt.step()
    if step % 10 == 0:
        print(f"step {step:3d} loss {loss.item():.4f}")

def sample(model, start='h', length=30, temperature=0.8):
    model.eval()
    idx = torch.tensor([[stoi[start]]])
    hidden = model.init_hidden(1)
    out_chars = [start]
    with torch.no_grad():
        for _ in range(length):
            logits, hidden = model(idx, hidden)
            probs = torch.softmax(logits[:, -1, :] / temperature, dim=-1)
            nxt = torch.multinomial(probs, num_samples=1)
            out_chars.append(itos[nxt.item()])
            idx = nxt
    return ''.join(out_chars)

s = sample(model)
print(len(s), type(s).__name__)
print(hidden_shape := model.init_hidden(3).shape)
g = torch.Generator().manual_seed(42)
p = torch.tensor([0.1, 0.2, 0.7])
print(torch.multinomial(p, 10, replacement=True, generator=g))
print(torch.multinomial(p, 3, replacement=False, generator=g).sort().values)
