# Python semantics: statistics' exact arithmetic on floats: mean, variance, pvariance rounded once from exact sums, stdev the correctly rounded root, fmean as fsum / n
import statistics, random
print(statistics.mean([0.1, 0.2, 0.3]), statistics.variance([1.5, 2.5, 2.5]))
print(statistics.mean([1, 2.5, 4]), statistics.mean([1e300, 1e300, -1e300]), statistics.mean([5e-324, 5e-324, 5e-324]), statistics.mean([-0.1, -0.7]))
print(statistics.pvariance([0.1, 0.2, 0.3, 0.4]), statistics.variance([0.1, 0.2, 0.3, 0.4]), statistics.variance([1, 2, 4.5]))
print(statistics.variance([0.1, 0.2, 0.3], 0.2), statistics.pvariance([0.5, 0.25], mu=0.3))
random.seed(1)
data = [random.random() * 100 for _ in range(200)]
print(statistics.mean(data), statistics.variance(data), statistics.pvariance(data), statistics.stdev(data), statistics.pstdev(data))
small = [random.gauss(0, 1e-160) for _ in range(20)]
print(statistics.mean(small), statistics.variance(small))
big = [random.uniform(-1e150, 1e150) for _ in range(30)]
print(statistics.mean(big), statistics.variance(big))
print(statistics.mean([0.1] * 10), statistics.mean([1 / 3, 2 / 3, 1.0]), statistics.variance([1e16, 1e16 + 2, 1e16 + 4]))
for k in range(40):
    xs = [random.uniform(-5, 5) for _ in range(k % 7 + 2)]
    print(statistics.stdev(xs), statistics.pstdev(xs), statistics.fmean(xs), statistics.stdev(xs, statistics.mean(xs)))
