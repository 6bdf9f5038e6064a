import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.nn.utils.parameters_to_vector / vector_to_parameters: a flat view of a model for
# second-order methods and weight averaging; the vector keeps the graph, the way back does not
from torch.nn.utils import parameters_to_vector, vector_to_parameters
net = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
v = parameters_to_vector(net.parameters())
print(v.shape, v.requires_grad, type(v.grad_fn).__name__)
(v ** 2).sum().backward()
print(net[0].weight.grad)
vector_to_parameters(torch.arange(11.), net.parameters())
print(net[0].weight, net[2].bias, net[2].bias.requires_grad)
print(net(torch.ones(1, 3)))
try:
    vector_to_parameters(torch.arange(5.), net.parameters())
except RuntimeError as e:
    print(e)
