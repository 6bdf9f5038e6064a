# json.dumps (indent, sort_keys, separators, escapes, non-str keys) and json.loads, round trip
import torch
import json
metrics = {"epoch": 3, "loss": [0.5, 0.25, 1e-5], "ok": True, "name": "run-ü", "none": None, 1: "int key", 2.5: "x", "nested": {"a": (1, 2)}}
print(json.dumps(metrics))
print(json.dumps(metrics, indent=2))
print(json.dumps({"b": 1, "a": [1, {"c": []}], "e": {}}, sort_keys=True, indent=4))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps("tab\tquote\"back\\"), json.dumps(float("inf")), json.dumps([]), json.dumps("😀"))
back = json.loads('{"x": [1, 2.5, -3, 1e3, true, false, null], "s": "a\\nb\\u00e9\\ud83d\\ude00", "o": {}}')
print(back, type(back["x"][1]).__name__, back["s"])
print(json.loads(json.dumps(metrics)) == {"epoch": 3, "loss": [0.5, 0.25, 1e-5], "ok": True, "name": "run-ü", "none": None, "1": "int key", "2.5": "x", "nested": {"a": [1, 2]}})
try:
    json.dumps({"t": torch.ones(2)})
except TypeError as e:
    print("TypeError", e)
try:
    json.loads('{"a": }')
except ValueError as e:
    print("ValueError", e)
print(json.dumps({"acc": torch.tensor(0.5).item(), "lr": [g for g in (0.1, 0.01)]}))
