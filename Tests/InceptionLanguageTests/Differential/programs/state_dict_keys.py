import torch.nn as nn
m = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4))
sd = m.state_dict()
print(list(sd.keys()))
print(sd["1.num_batches_tracked"], sd["1.running_var"])
