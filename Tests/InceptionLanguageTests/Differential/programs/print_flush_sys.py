# print(flush=True, file=sys.stderr, sep=None, end=None), sys.stdout.write / flush, sys.version_info, maxsize, platform
print("a", flush=True)
print("b", end="")
print()
import sys
print("err", file=sys.stderr)
n = sys.stdout.write("w\n")
sys.stdout.flush()
print(n, sys.version_info >= (3, 8), sys.version_info.major, sys.maxsize, sys.platform, sep=None, end=None)
print(sys.version_info[:2])
