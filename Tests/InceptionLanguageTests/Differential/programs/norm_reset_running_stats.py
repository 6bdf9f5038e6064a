# BatchNorm's and InstanceNorm's reset_running_stats(): running statistics back to 0 / 1 / 0, in place.
import torch
import torch.nn as nn
bn = nn.BatchNorm1d(3)
x = torch.arange(12.).reshape(4, 3)
bn(x); bn(x * 2)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
v = bn.running_mean._version
print(bn.reset_running_stats())
print(bn.running_mean, bn.running_var, bn.num_batches_tracked, bn.running_mean._version > v)
bn2 = nn.BatchNorm2d(2, track_running_stats=False)
bn2.reset_running_stats(); print(bn2.running_mean)
inn = nn.InstanceNorm1d(3); inn.reset_running_stats(); print(hasattr(inn, 'reset_running_stats'), hasattr(nn.Linear(2, 2), 'reset_running_stats'))
