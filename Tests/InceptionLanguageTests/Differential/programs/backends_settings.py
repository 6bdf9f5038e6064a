import torch
import torch.nn as nn
import random
# A training script's first lines: seeding everything, cuDNN and TF32 switches, deterministic
# algorithms and matmul precision, the device chosen by what is available. None of them changes
# a number here; they are kept and read back as PyTorch keeps them.
def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
seed_everything(42)
print(torch.randn(2), random.random())
print(torch.backends.cudnn.benchmark, torch.backends.cudnn.deterministic, torch.backends.cudnn.enabled)
print(torch.backends.cudnn.is_available(), torch.backends.cudnn.version(), torch.backends.mps.is_available(), torch.backends.mkldnn.is_available())
torch.backends.cudnn.benchmark = True
print(torch.backends.cudnn.benchmark, torch.get_float32_matmul_precision(), torch.backends.cuda.matmul.allow_tf32)
torch.backends.cuda.matmul.allow_tf32 = True
print(torch.backends.cuda.matmul.allow_tf32, torch.get_float32_matmul_precision())
torch.set_float32_matmul_precision('highest')
print(torch.backends.cuda.matmul.allow_tf32)
torch.use_deterministic_algorithms(True)
print(torch.are_deterministic_algorithms_enabled())
torch.use_deterministic_algorithms(False)
device = 'cuda' if torch.cuda.is_available() else ('mps' if torch.backends.mps.is_available() else 'cpu')
model = nn.Linear(3, 1).to(device)
print(device, model(torch.ones(1, 3, device=device)).shape)
torch.cuda.empty_cache()
