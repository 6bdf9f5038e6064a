import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(23)
teacher = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 4))
student = nn.Sequential(nn.Linear(6, 4))
teacher.eval()
x = torch.randn(12, 6)
y = torch.randint(0, 4, (12,))
T = 3.0
alpha = 0.7
opt = torch.optim.SGD(student.parameters(), lr=0.5)
for step in range(5):
    with torch.no_grad():
        t_logits = teacher(x)
    s_logits = student(x)
    soft = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1), reduction="batchmean") * T * T
    hard = F.cross_entropy(s_logits, y)
    loss = alpha * soft + (1 - alpha) * hard
    opt.zero_grad()
    loss.backward()
    opt.step()
    agree = (s_logits.argmax(1) == t_logits.argmax(1)).sum().item()
    print(f"step {step}: soft={soft.item():.4f} hard={hard.item():.4f} agree={agree}/12")
probs = F.softmax(teacher(x) / T, dim=1)
entropy = -(probs * probs.log()).sum(1)
print(entropy.detach()[:4], f"{entropy.mean().item():.4f}")
smooth = torch.full((12, 4), 0.1 / 3).scatter_(1, y.unsqueeze(1), 0.9)
print(smooth[:2], smooth.sum(1).unique())
lsm = F.log_softmax(student(x), 1)
print(f"{(-(smooth * lsm).sum(1).mean()).item():.4f} {F.cross_entropy(student(x), y, label_smoothing=0.4 / 3).item():.4f}")
gathered = lsm.gather(1, y.view(-1, 1)).squeeze(1)
print(torch.allclose(-gathered.mean(), F.nll_loss(lsm, y)))
