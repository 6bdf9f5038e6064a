import torch

# a singular matrix: solve, inv, inverse and the method raise torch.linalg.LinAlgError, a RuntimeError
A = torch.tensor([[1., 2.], [2., 4.]])
attempts = [
    ("solve", lambda: torch.linalg.solve(A, torch.ones(2))),
    ("linalg.inv", lambda: torch.linalg.inv(A)),
    ("torch.inverse", lambda: torch.inverse(A)),
    ("A.inverse", lambda: A.inverse()),
]
for name, attempt in attempts:
    try:
        attempt()
        print(name, "no error")
    except torch.linalg.LinAlgError as e:
        print(name, type(e).__name__, isinstance(e, RuntimeError), "|", e)

# caught as a RuntimeError too, and by Exception
try:
    torch.linalg.inv(torch.zeros(3, 3))
except RuntimeError as e:
    print("RuntimeError caught:", type(e).__name__, str(e))
try:
    torch.linalg.solve(torch.zeros(2, 2), torch.ones(2, 1))
except Exception as e:
    print("Exception caught:", type(e).__name__, e.args)

print(torch.linalg.LinAlgError.__name__, issubclass(torch.linalg.LinAlgError, RuntimeError))
print(issubclass(torch.linalg.LinAlgError, ValueError))

# a shape error is a plain RuntimeError, not a LinAlgError
try:
    torch.linalg.inv(torch.ones(2, 3))
except torch.linalg.LinAlgError:
    print("wrong: LinAlgError")
except RuntimeError as e:
    print(type(e).__name__, e)

# the program can raise it itself and catch it by its class
try:
    raise torch.linalg.LinAlgError("my own")
except RuntimeError as e:
    print(type(e).__name__, e)

# a regular matrix still solves
B = torch.tensor([[4., 1.], [2., 3.]])
print(torch.linalg.solve(B, torch.tensor([1., 2.])))
print(torch.linalg.inv(B))
