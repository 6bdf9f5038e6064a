# itertools: the finite iterators (product for a grid search, chain, combinations, permutations,
# islice, accumulate, zip_longest, repeat, starmap, groupby, compress, pairwise, takewhile, …)
import torch
import itertools
from itertools import product, chain, combinations, permutations, islice, accumulate, zip_longest, repeat, starmap, groupby
print(list(product([1, 2], ["a", "b"])), list(product(range(2), repeat=2)))
print(list(chain([1], (2, 3), range(4, 6))), list(chain.from_iterable([[1, 2], [3]])))
print(list(combinations(range(4), 2)), list(permutations("abc", 2)), list(permutations([1, 2, 3])))
print(list(itertools.combinations_with_replacement([1, 2, 3], 2)), list(combinations([1], 3)))
print(list(islice(range(10), 3)), list(islice(range(10), 2, 8, 3)), list(islice("abcdef", 1, None)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(accumulate([3, 1, 4], max, initial=2)))
print(list(zip_longest([1, 2, 3], "ab", fillvalue="-")), list(repeat(7, 3)), list(starmap(pow, [(2, 3), (3, 2)])))
print([(k, list(g)) for k, g in groupby("aaabccd")], [(k, len(list(g))) for k, g in groupby([1, 1, 2, 3, 3], key=lambda x: x % 2)])
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(itertools.pairwise([1, 2, 3, 4])))
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.filterfalse(lambda x: x % 2, range(6))))
grid = [(lr, bs) for lr, bs in product([0.1, 0.01], [8, 16])]
print(grid, len(list(permutations(range(6), 3))), sum(1 for _ in combinations(range(10), 3)))
x = torch.arange(6).reshape(2, 3)
print([int(a * b) for a, b in product(x[0], x[1])][:4])
