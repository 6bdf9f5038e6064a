# collections.defaultdict and collections.Counter: grouping, counting labels, most_common,
# Counter arithmetic, and their reprs
from collections import defaultdict, Counter, OrderedDict
import torch

groups = defaultdict(list)
for i, w in enumerate(["cat", "dog", "cat", "bird"]):
    groups[w].append(i)
print(groups, dict(groups), groups["fish"], len(groups), "owl" in groups, groups.get("owl"), groups.default_factory)
words = defaultdict(int)
for w in "the cat and the hat and the bat".split():
    words[w] += 1
print(words, isinstance(words, dict), type(words).__name__, words.copy() == words)
fallback = defaultdict(lambda: -1, {"x": 3})
print(fallback["x"], fallback["y"], sorted(fallback.items()))
nested = defaultdict(set)
nested[1].add(2); nested[1].add(2); nested[2].add(5)
print(nested)

letters = Counter("abracadabra")
print(letters, letters.most_common(2), letters["a"], letters["z"], len(letters), letters.total())
print(sorted(letters.elements()), list(letters.keys()), list(letters.values()))
letters.update("aaz"); letters.subtract({"b": 5}); print(letters)
other = Counter(a=2, b=1, q=4)
print(letters + other, letters - other, letters | other, letters & other, other.most_common())
labels = torch.tensor([3, 1, 3, 2, 1, 3, 0])
counts = Counter(labels.tolist())
print(counts, counts.most_common(1)[0], max(counts, key=counts.get), counts == {3: 3, 1: 2, 2: 1, 0: 1})
weights = torch.tensor([1.0 / counts[c] for c in range(4)])
print(weights)
print(Counter(), Counter({"x": 2}), isinstance(OrderedDict(), dict), isinstance(letters, Counter))
try:
    plain = defaultdict(None)
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError", e)
print(int, list, float)
