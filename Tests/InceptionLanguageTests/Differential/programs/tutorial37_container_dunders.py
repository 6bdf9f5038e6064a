# An LR finder's suggestion: min(range(len(grads)), key=grads.__getitem__), a list's dunder taken
# as a bound method; a tuple's, dict's and str's __getitem__ / __len__ / __contains__ likewise
import torch

lrs = [10 ** (-5 + i / 4) for i in range(12)]
losses = [2.3, 2.29, 2.25, 2.1, 1.8, 1.2, 0.9, 0.85, 0.95, 1.7, 3.0, 9.0]
grads = [losses[i + 1] - losses[i] for i in range(len(losses) - 1)]
i = min(range(len(grads)), key=grads.__getitem__)
print(i, f"{lrs[i]:.3e}")
best = max(range(len(losses)), key=losses.__getitem__)
print(best, sorted(range(5), key=losses.__getitem__))

scores = {'a': 0.3, 'b': 0.9, 'c': 0.1}
print(max(scores, key=scores.__getitem__), sorted(scores, key=scores.__getitem__))
print(scores.__len__(), scores.__contains__('b'), scores.__contains__('z'))
t = (5, 6, 7)
print(t.__getitem__(-1), t.__len__(), t.__contains__(6), t.__getitem__(slice(0, 2)))
s = "tensor"
print(s.__getitem__(0), s.__len__(), s.__contains__("ens"))
xs = [torch.tensor(3.), torch.tensor(1.), torch.tensor(2.)]
print(min(range(3), key=xs.__getitem__), xs.__len__())
get = losses.__getitem__
losses[0] = 5.0
print(get(0), list(map(get, [1, 2])))
try:
    losses.__getitem__(99)
except IndexError as e:
    print('IndexError', e)
try:
    scores.__getitem__('z')
except KeyError as e:
    print('KeyError', e)
try:
    losses.__len__(1)
except TypeError as e:
    print('TypeError', e)
