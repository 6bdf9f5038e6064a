import Foundation

/// `:glossary [TERM]`: the words the lessons use, each in a sentence or three, for a learner
/// who knows Python but not PyTorch. Terms are looked up without case; a few have aliases.
public enum Glossary {
    public static let entries: [(term: String, aliases: [String], text: String)] = [
        ("convolution", ["conv", "conv2d", "nn.conv2d"],
         "A layer that slides a small window (k×k) over its input. At each window position, each filter multiplies every value under the window, across all input channels, by its own weight and adds them up (plus a bias): one output number per filter per position. nn.Conv2d(C_in, C_out, k, stride, padding) has C_out filters of k·k·C_in weights. Lesson 1."),
        ("feature map", ["feature maps", "map", "activation"],
         "One channel of a layer's output: an H×W grid of numbers, one per position, saying how strongly that filter responded there. A tensor N×C×H×W holds C feature maps per image."),
        ("channel", ["channels", "depth"],
         "The C of N×C×H×W: an image has 3 (red, green, blue), a layer's output one per filter. 'Depth' in lesson 1 means channels; in lesson 3 and the paper's Table 1 it means the number of layers."),
        ("stride", [], "How far the window moves between positions. Stride 2 halves the output's height and width."),
        ("padding", [], "Zeros added around the input, p on each side, so the window can be centred on border pixels. Padding (k − 1)/2 at stride 1 keeps the size."),
        ("pooling", ["max pool", "maxpool", "max pooling", "nn.maxpool2d", "avgpool", "average pooling"],
         "A layer with a window but no weights: max pooling keeps the largest value under the window, average pooling their mean, channel by channel. Used to shrink the map (stride 2) or, at stride 1, as one of the Inception module's branches."),
        ("global average pooling", ["gap", "nn.adaptiveavgpool2d"],
         "Averages each whole feature map to one number: N×1024×7×7 becomes N×1024×1×1. From Network in Network (2013). Lesson 6."),
        ("relu", ["nn.relu", "f.relu"],
         "max(0, x), value by value: negatives become 0. It is what makes stacked layers more than one big linear map."),
        ("batchnorm", ["batch normalisation", "batch normalization", "bn", "nn.batchnorm2d"],
         "Normalises each channel to mean 0 and standard deviation 1 (then scales by γ and shifts by β, both learned). In train mode it uses the batch's own statistics, in eval mode running estimates. It keeps every layer's input at a steady scale, which makes deep networks train. Lesson 2."),
        ("train mode", ["eval mode", "train", "eval", "model.train()", "model.eval()", "training"],
         "A module's switch, model.train() or model.eval(): BatchNorm uses the batch's statistics (train) or its running ones (eval), Dropout drops values only in train mode, and the seed's aux heads run only in train mode. Modules start in train mode, as in PyTorch."),
        ("dropout", ["nn.dropout"], "In train mode, sets each value to 0 with probability p and scales the rest by 1/(1 − p); in eval mode it does nothing. A regulariser."),
        ("nn.module", ["module", "forward", "__init__", "class"],
         "A network or a piece of one: it registers its layers (self.conv = nn.Conv2d(…)) and says in forward(self, x) what to do with an input. Calling m(x) runs forward. In the lesson language the class line carries __init__'s arguments: class Stem(in_channel): with the body's assignments as __init__, and def forward inside."),
        ("nn.sequential", ["sequential"], "A module that runs its children one after the other: nn.Sequential(conv, bn, relu)(x) is relu(bn(conv(x)))."),
        ("torch.cat", ["cat", "concatenate", "concatenation"],
         "Joins tensors along one dimension: torch.cat([a, b], 1) stacks N×64×H×W and N×128×H×W into N×192×H×W. The Inception module concatenates its branches this way."),
        ("seed", ["the seed", "seed network"],
         "The PyTorch implementation of GoogLeNet these lessons follow, line by line (its classes BasicConv2d, Inception, AuxOut, Inception_V1); the 'reference' the checker compares your blocks with."),
        ("stem", [], "The plain layers before the first Inception module (conv1 to maxpool2): 224×224×3 to 28×28×192. The name comes from Inception-v4 (2016). Lesson 3."),
        ("inception module", ["inception"], "Four branches side by side on the same input (1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max pool then 1×1), their outputs concatenated along the channels. Lessons 4 and 5."),
        ("1×1 convolution", ["1x1", "1x1 convolution", "reduction", "reductions"],
         "A convolution with a 1×1 window: at each position, a weighted sum of the input's channels. Cheap; the Inception module uses it to reduce the channels before the 3×3 and 5×5 convolutions. From Network in Network."),
        ("parameter", ["parameters", "weights", "params"], "A number the network learns: weights and biases of convolutions and linear layers, BatchNorm's γ and β. params(m) counts them all; weights(m) the weights only, as the paper's Table 1 does."),
        ("multiply-add", ["multiply-adds", "mult-adds", "ops", "flops"], "One multiplication and one addition: a convolution does one per weight per output position. The paper's Table 1 counts them as 'ops'."),
        ("logits", ["logit"], "The classifier's raw scores, one per class, before a softmax turns them into probabilities. The loss (cross-entropy) takes logits."),
        ("aux head", ["aux", "auxiliary classifier", "auxout", "aux1", "aux2"], "A small classifier on an intermediate output (after inception4a and 4d) used only in training, its loss added with weight 0.3. Lesson 7."),
        ("receptive field", ["rf", "jump"], "How many input pixels a side one output value depends on; the jump is how many input pixels apart neighbouring values are. A k×k window at stride s: r′ = r + (k − 1)·j, j′ = j·s. :rf PATH shows them, and every line of a trace or a step ends with them (rf 19 jump 4). Lesson 10."),
        ("gradient", ["grad", "gradients", ".grad"], "How much the loss changes per unit change of a value (a weight, an activation): dL/dw. loss.backward() computes every parameter's into p.grad; :grad PATH and :gradnorms show them. Lesson 11."),
        ("backward pass", ["backward", "backprop", "backpropagation", "autograd", "chain rule"], "Running the recorded layers in reverse from the loss, each turning the gradient of its output into the gradients of its input and its parameters (the chain rule). loss.backward() does it; :step before it pauses inside it. Lesson 11."),
        ("loss", ["cross-entropy", "cross entropy", "criterion"], "One number saying how wrong the outputs are; training lowers it. The seed's: cross-entropy of the logits plus 0.3 × each aux head's. F.cross_entropy(logits, labels)."),
        ("sgd", ["optimizer", "optimiser", "momentum", "learning rate", "lr", "weight decay"], "Stochastic gradient descent: w ← w − lr · (gradient + weight_decay · w), with momentum a running sum of past steps. optim.SGD(net.parameters(), lr=…, momentum=0.9); inception train runs it."),
        ("tensor", ["shape", "torch.size"], "An n-dimensional array of numbers with a shape: images are N×C×H×W (batch, channels, height, width)."),
    ]

    /// The entry for a term (or one of its aliases), else nil.
    public static func lookup(_ term: String) -> (term: String, text: String)? {
        let key = term.lowercased().trimmingCharacters(in: .whitespaces)
        if let e = entries.first(where: { $0.term == key || $0.aliases.contains(key) }) { return (e.term, e.text) }
        if let e = entries.first(where: { $0.term.hasPrefix(key) || $0.aliases.contains { $0.hasPrefix(key) } }), key.count >= 3 { return (e.term, e.text) }
        return nil
    }
}

extension Session {
    func glossary(_ term: String) {
        guard !term.isEmpty else {
            write("Terms (:glossary TERM explains one): " + Glossary.entries.map(\.term).joined(separator: ", "))
            return
        }
        guard let entry = Glossary.lookup(term) else {
            var message = "'\(term)' is not in the glossary"
            let all = Glossary.entries.flatMap { [$0.term] + $0.aliases }
            if let guess = CommandSuggestion.closest(to: term.lowercased(), among: all) { message += ". Did you mean \(guess)?" }
            write(message + " (:glossary lists the terms)")
            return
        }
        write(terminal.bold(entry.term) + ": " + wrap(entry.text, width: terminal.width - 2).joined(separator: "\n  "))
    }
}
