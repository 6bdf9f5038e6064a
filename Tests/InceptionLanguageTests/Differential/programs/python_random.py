import torch
import torch.nn as nn
import torch.nn.functional as F
# Python's random module (CPython's Mersenne Twister and its algorithms), seeded beside torch as training scripts do
import random
random.seed(0)
torch.manual_seed(0)
print(random.random(), random.random())
print(random.randint(1, 6), random.randrange(10), random.randrange(2, 20, 3), random.randrange(20, 2, -4))
print(random.uniform(-1, 2))
xs = list(range(10))
random.shuffle(xs)
print(xs)
print(random.choice(['a', 'b', 'c']), random.choice("hello"), random.choice(range(5, 9)))
print(random.sample(range(100), 5), random.sample([1, 2, 3, 4], 4))
print(random.sample(range(1000), 30))
print(random.gauss(0, 1), random.gauss(0, 1), random.gauss(5, 2))
print(random.normalvariate(0, 1), random.normalvariate(mu=3, sigma=0.5))
print(random.choices(['x', 'y', 'z'], k=5))
print(random.choices(['x', 'y', 'z'], weights=[1, 5, 1], k=5))
print(random.choices(['x', 'y', 'z'], cum_weights=[1, 2, 10], k=3))
print(random.getrandbits(40), random.getrandbits(7), random.getrandbits(32))
random.seed(12345678901234)
print(random.random())
random.seed(-5)
print(random.random())
r = random.Random(42)
print(r.random(), r.randint(0, 100), random.random())
r.seed(42)
print(r.random())
# an augmentation loop: random flips of a batch, torch's stream untouched by Python's
x = torch.arange(6.).view(1, 1, 2, 3)
for _ in range(4):
    if random.random() < 0.5:
        print(torch.flip(x, dims=[3]).flatten().tolist())
    else:
        print(x.flatten().tolist())
print(torch.rand(2))
for bad in [lambda: random.randrange(0), lambda: random.randint(3, 1), lambda: random.choice([]), lambda: random.sample([1, 2], 3)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
