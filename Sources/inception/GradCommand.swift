import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime

/// `inception grad`: one forward and backward pass of the training loss
/// CE(logits) + aux_weight · (CE(aux1) + CE(aux2)); prints the loss and the layers with the
/// largest and smallest gradient norms, and can write every gradient as safetensors.
struct GradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grad",
        abstract: "One forward and backward pass of the training loss: the loss, the largest and smallest gradient norms by layer, and (--output) every parameter's gradient.",
        discussion: """
        The loss is the seed's: mean cross-entropy of the main logits plus --aux-weight times the \
        aux heads' (they run in train mode only). --output writes a safetensors file holding a \
        1-element `loss` and every parameter's gradient under its state_dict name, which PyTorch \
        reads with safetensors.torch.load_file.
        """)

    @Option(help: "seed (the reference Inception_V1) or torchvision (torchvision's GoogLeNet). Default: the one the weights were saved from, else seed.")
    var variant: InceptionVariant?

    @Option(help: "Weights as a safetensors file with PyTorch state_dict names (default: the variant's own init).")
    var weights: String?

    @Option(help: "Input tensor as a float32 .npy file, shape (N, 3, H, W).")
    var input: String?

    @Option(parsing: .unconditional, help: "Random input of this shape, e.g. 2,3,224,224.")
    var random: ShapeArgument?

    @Option(help: "Class labels: a .npy of int64 or int32, shape (N,), each in [0, classes).")
    var labels: String

    @Option(parsing: .unconditional, help: "Number of classes of a network with random weights (default 1000; weights set their own).")
    var classes: Int?

    @Option(help: "train (BatchNorm uses batch statistics, the aux heads run) or eval.")
    var mode: Mode = .train

    @Option(parsing: .unconditional, help: "Weight of each aux head's loss.")
    var auxWeight: Double = 0.3

    @Option(parsing: .unconditional, help: "Dropout probability of every dropout layer (default: the variant's). 0 makes train mode deterministic.")
    var dropout: Double?

    @Option(parsing: .unconditional, help: "Seed for the random weights, the random input and dropout.")
    var seed: UInt64 = 0

    @Option(help: "Write the loss and every parameter's gradient to this safetensors file.")
    var output: String?

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        guard (input != nil) != (random != nil) else { throw ValidationError("give exactly one of --input FILE.npy or --random N,C,H,W") }
        try random?.check("--random")
        if let p = dropout, !(0...1).contains(p) { throw ValidationError("--dropout must be between 0 and 1, got \(p)") }
        if let k = classes, k < 1 { throw ValidationError("--classes must be at least 1, got \(k)") }
        guard auxWeight >= 0, auxWeight.isFinite else { throw ValidationError("--aux-weight must be 0 or more, got \(auxWeight)") }
    }

    func run() throws {
        runtime.apply()
        do { try grad() } catch let error as UserError { throw error } catch {
            throw UserError("\(error)")
        }
    }

    private func grad() throws {
        if let output { try OutputFiles.checkReplaceable(output, kind: .safetensors, option: "--output") }
        let file = try weights.map { try SafeTensorsFile.read(path: $0) }
        if let file, let warning = file.nonFiniteWarning(source: weights ?? "") { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        DefaultGenerator.seed(seed)
        let net = try ModelFromWeights.network(variant: variant, weights: file, source: weights ?? "",
                                               dropout: dropout, numClasses: classes)
        let x: Tensor
        if let path = input { x = try requireImages(try readNpy(path: path), in: path) } else {
            var rng = SeededRandom(seed: seed)
            x = Tensor.randn(random!.dims, rng: &rng)
        }
        let y = try GradLabels.read(labels, batch: x.shape.first ?? 0, classes: net.numClasses)
        net.setTraining(mode == .train)
        let context = ExecutionContext(seed: seed)
        let start = Date()
        let outputs = try net.outputs(x, context)
        let loss = try outputs.totalLoss(labels: y, auxWeight: Float(auxWeight))
        let forwardSeconds = Date().timeIntervalSince(start)
        try Autograd.backward(loss, context: context)
        let backwardSeconds = Date().timeIntervalSince(start) - forwardSeconds

        let heads = [outputs.aux1 == nil ? nil : "aux1", outputs.aux2 == nil ? nil : "aux2"].compactMap { $0 }
        print("input      \(formatShape(x.shape)), labels \(labels) (\(y.count) in 0..<\(net.numClasses))")
        print("loss       \(String(format: "%.6f", loss.scalar)) = CE(logits)" +
              (heads.isEmpty || auxWeight == 0 ? "" : " + \(auxWeight) · (\(heads.map { "CE(\($0))" }.joined(separator: " + ")))") +
              (mode == .eval ? "  (eval mode: the aux heads do not run)" : ""))
        print(String(format: "time       forward %.0f ms, backward %.0f ms (%@ mode, %@)",
                     forwardSeconds * 1000, backwardSeconds * 1000, mode.rawValue, OpenBLAS.kernelDescription))
        let norms = GradientNorms.byLayer(net)
        print("")
        print(GradientNorms.table(norms, title: "largest gradient norms", rows: Array(norms.sorted { $0.norm > $1.norm }.prefix(10))))
        print("")
        print(GradientNorms.table(norms, title: "smallest gradient norms", rows: Array(norms.sorted { $0.norm < $1.norm }.prefix(10))))
        if let output {
            var tensors: [(name: String, tensor: Tensor)] = [("loss", try Tensor(shape: [1], values: [loss.scalar]))]
            for (name, p) in net.namedParameters() { tensors.append((name, p.grad ?? Tensor(zeros: p.shape))) }
            try writeSafeTensors(tensors, to: output)
            print("")
            print("wrote      \(output): loss and \(tensors.count - 1) gradients under their state_dict names")
        }
    }
}

/// Class labels from a .npy file: int64 or int32, shape (N,), each in [0, classes).
enum GradLabels {
    static func read(_ path: String, batch: Int, classes: Int) throws -> [Int] {
        let (t, descr) = try readTypedNpy(path: path)
        guard descr.hasSuffix("i8") || descr.hasSuffix("i4") else {
            throw UserError("\(path): labels must be int64 or int32 class indices, this array is '\(descr)' (save them with np.array([...], dtype=np.int64))")
        }
        guard t.rank == 1 else { throw UserError("\(path): labels must have shape (N,), this array is \(formatShape(t.shape))") }
        guard t.count == batch else { throw UserError("\(path): \(t.count) labels for a batch of \(batch) images: give one label per image") }
        return try t.values.enumerated().map { i, v in
            guard v >= 0, v < Float(classes) else {
                throw UserError("\(path): label \(Int(v)) at index \(i) is outside [0, \(classes)): the network has \(classes) classes (--classes sets it for random weights)")
            }
            return Int(v)
        }
    }
}
