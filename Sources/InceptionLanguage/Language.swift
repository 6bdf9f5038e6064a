/// # The lesson language
///
/// A small Python in which every line is a line a learner will meet in PyTorch. Lessons are
/// `.md` files whose ```inception fenced blocks are code cells (run in order, sharing their
/// names); any other file (`.inc`, `.txt`) is all code. `inception run FILE [--trace]` runs one.
///
/// Stages, one per file: `Scanner` (text → tokens, INDENT/DEDENT from indentation) →
/// `Parser` (recursive descent → `Program` of `Stmt`/`Expr`, recovering to report every
/// syntax error) → `Interpreter` (tree walking). `Notebook` splits a lesson into cells,
/// `Script` parses all of them and runs them, `DiagnosticRenderer` prints every error with
/// its source line and a caret.
///
/// ## Blocks
///
///     class BasicConv2d(in_channel, F, size, stride, padding=0):
///         self.layer = nn.Sequential(nn.Conv2d(in_channel, F, size, stride, padding=padding),
///                                    nn.BatchNorm2d(F), nn.ReLU())
///         def forward(self, x):
///             return self.layer(x)
///
/// The class body is the constructor (PyTorch's `class X(nn.Module): def __init__(self, …)`
/// spelling works too). `self.name = <module>` registers a named child, in order, so paths
/// and state_dict names follow the attribute names (`inception3a.conv3x3.1.layer.0.weight`);
/// `self.name = <other value>` keeps a plain attribute. Without `forward`, the children run in
/// order. Calling a class builds a runtime `Block` whose forward calls back into the
/// interpreter, so tracing, observers, weight loading and shape inference treat it exactly as
/// the Swift reference network. A forward may return a tuple (`return aux1, aux2, out`): the
/// language keeps the tuple, the runtime passes the last tensor on.
///
/// ## Values and builtins
///
/// None, bool, int, float, str, tuple, list, dict, torch.Size, tensors, modules; Python's
/// operators (`/` is float division, `//` floors), f-strings with format specs (`{n:,}`),
/// `if/elif/else`, `for`, `while`, `def`, `assert`, `import`.
/// - layers (also under `nn.`): Conv2d, BatchNorm2d, ReLU, MaxPool2d, AvgPool2d,
///   AdaptiveAvgPool2d, Linear, Dropout, Flatten, Sequential — PyTorch's names, argument
///   order and defaults.
/// - tensors (also under `torch.`): randn(*size, seed=), zeros, ones, tensor([[…]]),
///   load("x.npy") / load("f.safetensors", "name"), save(t, "x.npy"), cat(list, 1),
///   flatten(x, 1), relu, softmax, argmax, allclose, manual_seed(n); `x.shape`, `x.size(1)`,
///   `x.mean()`, `x.reshape(…)`, `x[i, j]`, element-wise `+ - * /`.
/// - blocks: params(m), formula(m) ("7·7·3·64 + 64 = 9,472"), m.train() / m.eval() /
///   train(m) / eval(m), load_weights(m, "w.safetensors", prefix=, strict=), save_weights,
///   m.state_dict(), m.modules(), m.named_children(), conv.weight, seq[0], `reference("inception3a")`
///   (the Swift reference network and its sub-blocks by dotted path), `nn.init.*`.
/// - pictures and torchvision: load_image("photo.png") and sample_image() → (1, 3, 224, 224),
///   save_feature_grid(x, "grid.png"), googlenet(...) / torchvision.models.googlenet(...).
/// - checks: expect(actual, expected[, tol]) and `assert`, failing with both values.
/// - Python basics: print, len, range, str, int, float, abs, min, max, sum, round, list,
///   tuple, dict, set, enumerate, zip, sorted, isinstance, super; classes with class attributes,
///   @classmethod, @dataclass and operator methods; collections, itertools, json, os.path, sys.
///
/// ## Errors
///
/// Syntax errors carry file:line:column (lines of the .md file for notebook cells) and all of
/// a file's errors are reported together (exit 65). Runtime errors (exit 70) name the block
/// path and the shapes ("inception3a.conv5x5.1.layer.0: Conv2d expects 16 input channels,
/// got 32"), add a fix when one is known, and list the call sites that led there.
public enum LessonLanguage {
    /// The file extension of plain scripts in this project.
    public static let scriptExtension = "inc"
}
