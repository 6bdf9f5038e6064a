# Character-level bigram model (makemore style): counts matrix with a dict of stoi/itos, normalised
# probabilities, sampling with torch.multinomial and an explicit Generator, negative log likelihood,
# then the same model as a one-layer neural net trained with F.one_hot.
import torch
import torch.nn.functional as F

words = ["emma", "olivia", "ava", "isabella", "sophia", "mia", "amelia", "ella", "lily", "anna"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
print(V, chars)

N = torch.zeros((V, V), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
print(N[0].tolist())
P = (N + 1).float()
P /= P.sum(1, keepdims=True)
print(P.sum(1)[:3], P.shape)

g = torch.Generator().manual_seed(2147483647)
for _ in range(4):
    out, ix = [], 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append(itos[ix])
        if ix == 0:
            break
    print("".join(out))

log_likelihood, n = 0.0, 0
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        log_likelihood += torch.log(P[stoi[ch1], stoi[ch2]])
        n += 1
print(f"{log_likelihood=}")
print(f"nll={-log_likelihood / n:.4f}")

xs, ys = [], []
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        xs.append(stoi[ch1])
        ys.append(stoi[ch2])
xs, ys = torch.tensor(xs), torch.tensor(ys)
num = xs.nelement()
print("examples:", num)
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((V, V), generator=g, requires_grad=True)
for k in range(20):
    xenc = F.one_hot(xs, num_classes=V).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(num), ys].log().mean() + 0.01 * (W ** 2).mean()
    if k % 5 == 0:
        print(k, round(loss.item(), 4))
    W.grad = None
    loss.backward()
    W.data += -10 * W.grad
print(torch.multinomial(torch.tensor([0.1, 0.0, 0.9]), 4, replacement=True, generator=g))
print(torch.randint(0, 10, (3,), generator=g), torch.rand(2, generator=g))
