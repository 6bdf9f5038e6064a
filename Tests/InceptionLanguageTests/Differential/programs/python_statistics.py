# statistics, with Python's result types (the mean of ints an int when exact) and its StatisticsError.
import statistics
from statistics import mean, median, stdev
losses = [2.31, 1.87, 1.52, 1.20, 0.98]
accuracies = [61, 70, 74, 79]
print(mean(losses), mean(accuracies), mean([1, 2, 3]), statistics.fmean([1, 2, 3]), mean([True, False, True, True]))
print(median(losses), median(accuracies), median([3, 1, 2]), statistics.median_low(accuracies), statistics.median_high(accuracies))
print(stdev(losses), statistics.variance(accuracies), statistics.variance([1, 2, 3]), statistics.pvariance([1, 2, 3]), statistics.pstdev(accuracies))
print(statistics.mode([1, 2, 2, 3, 3]), statistics.multimode("aabbc"), statistics.mode(["relu", "tanh", "relu"]))
for bad in [lambda: mean([]), lambda: stdev([1.0]), lambda: statistics.variance([5])]:
    try:
        bad()
    except statistics.StatisticsError as e:
        print("StatisticsError:", e)
try:
    median([])
except ValueError as e:
    print("ValueError:", e)
