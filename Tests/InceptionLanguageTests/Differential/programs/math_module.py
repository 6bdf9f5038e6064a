import math
import torch
# conv1's output side, the input's size, a Kaiming std, and other arithmetic a learner does
print(math.floor((224 + 2 * 3 - 7) / 2) + 1, math.ceil(112 / 2), math.prod([3, 224, 224]), math.sqrt(2 / 147))
print(math.log(8, 2), math.exp(1), math.cos(math.pi), math.isclose(0.1 + 0.2, 0.3), math.gcd(12, 18), math.factorial(5), math.comb(5, 2))
print(math.inf > 1e308, math.isnan(math.nan), math.trunc(-2.5), math.log10(1000), math.degrees(math.pi), math.floor(-0.5))
print(math.sqrt(torch.tensor(16.0)), math.prod([]), math.prod([2.5, 2]), math.pow(2, 10), math.hypot(3, 4))
lr = [0.5 * 0.01 * (1 + math.cos(math.pi * t / 4)) for t in range(5)]
print([round(x, 6) for x in lr])
