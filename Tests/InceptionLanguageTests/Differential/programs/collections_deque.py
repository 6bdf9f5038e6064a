# collections.deque, as a replay buffer uses it: maxlen, both ends, rotate, indexing, unpacking.
import random
from collections import deque
import torch
buffer = deque(maxlen=4)
for step in range(6):
    buffer.append((step, step * 0.5))
print(buffer, len(buffer), buffer[0], buffer[-1], (3, 1.5) in buffer, bool(deque()), buffer.maxlen)
d = deque([1, 2, 3])
d.appendleft(0); d.extend([4, 5]); d.extendleft([-1, -2]); print(d)
print(d.pop(), d.popleft(), d)
d.rotate(2); print(d); d.rotate(-3); print(d)
print(d.count(1), d.index(3), list(d), sorted(d), sum(d), max(d))
d.remove(3); print(d, d.copy(), deque(range(5), maxlen=2), deque("abc"))
random.seed(0)
print(random.sample(list(buffer), 2))
a, b, *rest = deque([1, 2, 3, 4]); print(a, b, rest)
states = torch.tensor([s for s, _ in buffer]); print(states)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
