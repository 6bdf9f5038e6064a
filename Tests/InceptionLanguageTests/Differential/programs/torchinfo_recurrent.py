# torchinfo's summary of recurrent models: mult-adds as every weight × the output's first two sizes
import torch
import torch.nn as nn
from torchinfo import summary
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 16, batch_first=True)
        self.fc = nn.Linear(16, 3)
    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])
summary(M(), input_size=(2, 5, 8))
summary(nn.GRU(4, 6, num_layers=2), input_size=(3, 1, 4))
