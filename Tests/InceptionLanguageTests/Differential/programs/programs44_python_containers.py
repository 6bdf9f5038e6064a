from collections import OrderedDict, Counter, defaultdict, namedtuple
import itertools
import torch.nn as nn
layers = OrderedDict([("fc1", nn.Linear(2, 3)), ("act", nn.ReLU()), ("fc2", nn.Linear(3, 1))])
net = nn.Sequential(layers)
print(net, net.fc1)
labels = [2, 0, 1, 2, 2, 0]
c = Counter(labels); print(c, c.most_common(1), sorted(c.items()))
groups = defaultdict(list)
for i, l in enumerate(labels): groups[l].append(i)
print(dict(groups))
Batch = namedtuple("Batch", ["x", "y"])
b = Batch(1, y=2); print(b, b._asdict(), b._replace(x=5))
print(list(itertools.product([0.1, 0.01], [16, 32])))
for lr, bs in itertools.product([0.1, 0.01], [16]):
    print(f"lr={lr:<5} bs={bs:3d}")
print(list(itertools.chain([1], (2, 3))), list(itertools.accumulate([1, 2, 3])), list(itertools.islice(itertools.count(5, 2), 3)))
print([list(g) for k, g in itertools.groupby("aabbbc")], list(itertools.combinations(range(3), 2)))
stack = []; stack.append(1); stack.extend([2, 3]); print(stack.pop(), stack, stack[::-1], stack * 2)
s = {3, 1, 2}; print(s | {4}, s & {1, 5}, s - {1}, sorted(s, reverse=True))
print(list(reversed(range(3))), list(map(lambda v: v ** 2, [1, 2])), list(filter(None, [0, 1, "", "a"])))
