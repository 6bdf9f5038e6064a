# The spatial transformer tutorial, small: a localisation net predicts θ (started at the
# identity), F.affine_grid makes the sampling grid and F.grid_sample reads the input there,
# trained a few steps; with the pair's values and gradients for each mode, padding and
# align_corners setting.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
theta = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], [[0.8, -0.3, 0.1], [0.2, 0.9, -0.2]]], requires_grad=True)
for align in [False, True]:
    grid = F.affine_grid(theta, (2, 1, 3, 4), align_corners=align)
    print(grid.shape, grid.grad_fn.name())
    print(grid[1])

x = torch.arange(24.0).view(1, 2, 3, 4).requires_grad_(True)
g = (torch.rand(1, 2, 5, 2) * 2.4 - 1.2).requires_grad_(True)
for mode in ['bilinear', 'nearest']:
    for padding_mode in ['zeros', 'border']:
        for align in [False, True]:
            out = F.grid_sample(x, g, mode=mode, padding_mode=padding_mode, align_corners=align)
            (out * torch.arange(1.0, 21.0).view(1, 2, 2, 5)).sum().backward()
            print(mode, padding_mode, align, out.grad_fn.name())
            print(out)
            print(x.grad)
            print(g.grad)
            x.grad = None
            g.grad = None

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=5)
        self.fc1 = nn.Linear(4 * 4 * 4, 10)
        self.localization = nn.Sequential(
            nn.Conv2d(1, 4, kernel_size=5),
            nn.MaxPool2d(2, stride=2),
            nn.ReLU(True),
        )
        self.fc_loc = nn.Sequential(
            nn.Linear(4 * 4 * 4, 16),
            nn.ReLU(True),
            nn.Linear(16, 3 * 2)
        )
        self.fc_loc[2].weight.data.zero_()
        self.fc_loc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))

    def stn(self, x):
        xs = self.localization(x)
        xs = xs.view(-1, 4 * 4 * 4)
        theta = self.fc_loc(xs)
        theta = theta.view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size(), align_corners=False)
        x = F.grid_sample(x, grid, align_corners=False)
        return x

    def forward(self, x):
        x = self.stn(x)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = x.view(-1, 4 * 4 * 4)
        return F.log_softmax(self.fc1(x), dim=1)

model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
data = torch.rand(4, 1, 12, 12)
target = torch.randint(0, 10, (4,))
with torch.no_grad():
    print(torch.allclose(model.stn(data), data, atol=1e-6))
for step in range(4):
    optimizer.zero_grad()
    loss = F.nll_loss(model(data), target)
    loss.backward()
    optimizer.step()
    print('step {} loss {:.6f}'.format(step, loss.item()))
print(model.fc_loc[2].bias)
