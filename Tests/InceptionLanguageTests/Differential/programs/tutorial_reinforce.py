# The REINFORCE tutorial with a toy environment: a policy network whose softmax feeds
# torch.distributions.Categorical (sample, log_prob), returns normalised, the policy loss
# -log_prob * R; with Categorical and Normal on their own (probs or logits, batches,
# sample shapes, entropy, rsample gradients).
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.distributions import Categorical, Normal
import random
from itertools import count
torch.manual_seed(0)
random.seed(0)
gamma = 0.99
class Policy(nn.Module):
    def __init__(self):
        super(Policy, self).__init__()
        self.affine1 = nn.Linear(4, 16)
        self.dropout = nn.Dropout(p=0.6)
        self.affine2 = nn.Linear(16, 2)
        self.saved_log_probs = []
        self.rewards = []
    def forward(self, x):
        x = self.affine1(x)
        x = self.dropout(x)
        x = F.relu(x)
        action_scores = self.affine2(x)
        return F.softmax(action_scores, dim=1)
policy = Policy()
optimizer = optim.Adam(policy.parameters(), lr=1e-2)
eps = 1e-7
def select_action(state):
    state = torch.tensor(state, dtype=torch.float).unsqueeze(0)
    probs = policy(state)
    m = Categorical(probs)
    action = m.sample()
    policy.saved_log_probs.append(m.log_prob(action))
    return action.item()
def finish_episode():
    R = 0
    policy_loss = []
    returns = []
    for r in policy.rewards[::-1]:
        R = r + gamma * R
        returns.insert(0, R)
    returns = torch.tensor(returns)
    returns = (returns - returns.mean()) / (returns.std() + eps)
    for log_prob, R in zip(policy.saved_log_probs, returns):
        policy_loss.append(-log_prob * R)
    optimizer.zero_grad()
    policy_loss = torch.cat(policy_loss).sum()
    policy_loss.backward()
    optimizer.step()
    del policy.rewards[:]
    del policy.saved_log_probs[:]
    return policy_loss.item()
running_reward = 10
for i_episode in range(1, 6):
    state, ep_reward = [random.uniform(-0.05, 0.05) for _ in range(4)], 0
    for t in range(1, 15):
        action = select_action(state)
        state = [s + (0.05 if action else -0.05) for s in state]
        reward = 1.0 if abs(state[0]) < 0.2 else 0.0
        policy.rewards.append(reward)
        ep_reward += reward
        if reward == 0.0:
            break
    running_reward = 0.05 * ep_reward + (1 - 0.05) * running_reward
m = Categorical(torch.tensor([0.25, 0.25, 0.5]))
print(m, m.sample((5,)), m.entropy(), m.probs, m.logits, m.batch_shape)
c = Categorical(logits=torch.tensor([[1.0, 2.0, 0.0], [0.5, 0.5, 3.0]], requires_grad=True))
s = c.sample((4,))
print(c, s, s.shape, c.log_prob(torch.tensor([1, 0])), c.entropy())
print(c.log_prob(s))
c.entropy().sum().backward()
print(Categorical(probs=torch.tensor([[2.0, 2.0], [1.0, 3.0]])).probs)
n = Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 0.5]))
print(n.sample(), n.sample((3,)).shape, n.log_prob(torch.tensor([0.5, 0.5])), n.entropy(), n.mean, n.stddev)
mu = torch.tensor([0.2], requires_grad=True)
sigma = torch.tensor([0.7], requires_grad=True)
d = Normal(mu, sigma)
z = d.rsample((2,))
loss = (z ** 2).sum() - d.log_prob(torch.tensor([0.1])).sum()
loss.backward()
print(z, mu.grad, sigma.grad)
print(Normal(0.0, 1.0).log_prob(torch.tensor(0.0)), Normal(0.0, 2.0).sample().shape)
try:
    Categorical()
except ValueError as e:
    print(e)
# validate_args (on by default): PyTorch's ValueErrors
for f in [lambda: Categorical(torch.tensor([-1.0, 2.0])), lambda: Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, -1.0])),
          lambda: Normal(0.0, 0.0), lambda: Normal(torch.tensor([float('nan')]), torch.tensor([1.0])), lambda: Categorical(torch.tensor([[0.5, 0.5], [0.0, 0.0]])),
          lambda: Categorical(torch.tensor([-1.0, 2.0]), validate_args=False).probs]:
    try:
        print(f())
    except ValueError as e:
        print("ValueError:", e)
