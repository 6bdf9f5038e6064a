# linalg.multi_dot and chain_matmul: their checks in PyTorch's order and words
import torch
A = torch.ones(2, 3); B = torch.ones(3, 4); C = torch.ones(4, 5); v3 = torch.ones(3); v4 = torch.ones(4); T = torch.ones(2, 3, 4)
cases = ["torch.linalg.multi_dot([A])", "torch.linalg.multi_dot([])", "torch.linalg.multi_dot([T, B])", "torch.linalg.multi_dot([A, T])",
         "torch.linalg.multi_dot([A, v3])", "torch.linalg.multi_dot([v3, B, C])", "torch.linalg.multi_dot([A, B, v4])",
         "torch.linalg.multi_dot([A, v3, C])", "torch.linalg.multi_dot([A, T, C])", "torch.linalg.multi_dot([A, C])", "torch.linalg.multi_dot([A, B, B])",
         "torch.linalg.multi_dot([A, B.long()])", "torch.linalg.multi_dot([v3, v3])", "torch.linalg.multi_dot([v3, v4])", "torch.linalg.multi_dot([torch.ones(()), B])",
         "torch.linalg.multi_dot([A, B, C, torch.ones(5)])", "torch.linalg.multi_dot([A.long(), B.long()])", "torch.linalg.multi_dot((A, B))",
         "torch.chain_matmul(A, B, C)", "torch.chain_matmul(A)", "torch.chain_matmul(A, v3)", "torch.chain_matmul(T, B)", "torch.chain_matmul(A, C)",
         "torch.chain_matmul()"]
for c in cases:
    try:
        r = eval(c)
        print(c, tuple(r.shape), r.dtype, float(r.sum()))
    except Exception as e:
        print(c, type(e).__name__, str(e).split("\n")[0])
