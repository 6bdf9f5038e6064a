import torch
import torch.nn as nn
device = torch.device("cpu")
x = torch.ones(2).to(device)
m = nn.Linear(2, 1).to(device)
print(device, x.device, x, torch.cuda.is_available())
