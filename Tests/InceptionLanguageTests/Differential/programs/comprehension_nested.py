pairs = [(i, j) for i in range(3) for j in range(i)]
print(pairs)
squares = [x * x for x in range(6) if x % 2 == 0]
print(squares, sum(x for x in squares), max(x for x in range(5)))
print([[i * j for j in range(3)] for i in range(2)])
