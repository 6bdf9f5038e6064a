import itertools
import functools
import math

grid = {"lr": [0.1, 0.01], "batch": [16, 32], "opt": ["sgd", "adam"]}
keys = list(grid)
combos = [dict(zip(keys, vals)) for vals in itertools.product(*grid.values())]
print(len(combos), combos[0], combos[-1])

def fake_score(lr, batch, opt):
    return round(1 - abs(math.log10(lr) + 1.5) * 0.1 - batch / 1000 + (0.02 if opt == "adam" else 0), 4)

scores = [(fake_score(**c), c) for c in combos]
scores.sort(key=lambda s: (-s[0], s[1]["batch"]))
for score, c in scores[:3]:
    print(f"{score:.4f}", ", ".join(f"{k}={v}" for k, v in c.items()))
best = max(scores, key=lambda s: s[0])
print("best:", best[1])
adam_lr = functools.partial(fake_score, opt="adam", batch=16)
print(adam_lr(0.1), adam_lr(lr=0.001))
total = functools.reduce(lambda a, b: a * b, [len(v) for v in grid.values()], 1)
print(total, list(itertools.accumulate([1, 2, 3, 4])), list(itertools.chain([1], (2, 3))))
pairs = list(itertools.combinations(["conv", "bn", "relu"], 2))
print(pairs, list(itertools.islice(itertools.count(10, 5), 3)))
for k, g in itertools.groupby(sorted(combos, key=lambda c: c["opt"]), key=lambda c: c["opt"]):
    print(k, len(list(g)))
width, prec = 10, 3
print(f"[{math.pi:{width}.{prec}f}]", f"[{'x':*^{width}}]", f"{12345.678:,.1f}", f"{0.5:%}", f"{1e-10:g}", f"{123456789:e}")
table = [("conv1", 1728, 0.123), ("fc", 10250, 1.5)]
for row in table:
    print("{:<8}{:>8,}{:>8.2f}".format(*row))
word_counts = {}
for w in "the cat and the hat and the bat".split():
    word_counts[w] = word_counts.get(w, 0) + 1
print(sorted(word_counts.items(), key=lambda kv: (-kv[1], kv[0])))
nested = [[1, 2], [3], [], [4, 5, 6]]
print([x for row in nested for x in row], list(map(len, nested)), list(filter(None, nested)))
s = {1, 2, 3}
print(s | {4}, s & {2, 5}, s - {1}, sorted(s ^ {3, 9}))
print(*enumerate("ab", start=1), sep=" | ")
print("done", end="!\n")
