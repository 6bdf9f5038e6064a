import ArgumentParser
import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime
import InceptionTraining

extension InceptionVariant: ExpressibleByArgument {}

/// `inception forward`: one forward pass of the seed network or torchvision's GoogLeNet, its
/// output shapes, the time taken and the top-k classes.
struct ForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Run one forward pass of Inception V1 (the seed's or torchvision's) and print its outputs' shapes, the time taken and the top classes.")

    @Option(help: "Weights as a safetensors file with PyTorch state_dict names, the seed's or torchvision's (default: the variant's own init).")
    var weights: String?

    @Option(help: "seed (the reference Inception_V1) or torchvision (torchvision's GoogLeNet). Default: the one the weights were saved from, else seed.")
    var variant: InceptionVariant?

    @Flag(help: "torchvision only: re-normalise ImageNet-normalised input to the (−1, 1) scale of torchvision's pretrained weights. On by default when the weight file's metadata says transform_input=True.")
    var transformInput = false

    @Option(parsing: .unconditional, help: "Seed for the random weights, the random input and dropout.")
    var seed: UInt64 = 0

    @Option(help: "Input tensor as a float32 .npy file, shape (N, C, H, W).")
    var input: String?

    @Option(parsing: .unconditional, help: "Random input of this shape, e.g. 2,3,224,224.")
    var random: ShapeArgument?

    @Option(help: "A PNG or JPEG image, preprocessed as torchvision does for ImageNet (resize 256, centre crop 224, normalise).")
    var image: String?

    @Option(help: "eval (BatchNorm uses running statistics) or train (batch statistics, aux heads run).")
    var mode: Mode = .eval

    @Option(parsing: .unconditional, help: "Dropout probability of every dropout layer (default: the seed's 0.5; torchvision's 0.2, and 0.7 in its aux heads). 0 makes train mode deterministic.")
    var dropout: Double?

    @Option(parsing: .unconditional, help: "Print the K most probable classes of each image (names for 1000 ImageNet classes); 0 prints none.")
    var top: Int = 5

    @Option(help: "Write logits.npy (and in train mode aux1.npy, aux2.npy) here.")
    var outputDir: String?

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        guard [input != nil, random != nil, image != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --input FILE.npy, --random N,C,H,W or --image FILE")
        }
        if let p = dropout, !(0...1).contains(p) { throw ValidationError("--dropout must be between 0 and 1, got \(p)") }
        try random?.check("--random")
        guard top >= 0 else { throw ValidationError("--top must be 0 or more, got \(top)") }
    }

    func run() throws {
        runtime.apply()
        do { try GradMode.with(enabled: false) { try forward() } } catch let error as UserError { throw error } catch {
            throw UserError("\(error)")
        }
    }

    private func forward() throws {
        // Where the outputs go is checked before the pass, which may take a while.
        if let dir = outputDir {
            try OutputFiles.prepareFolder(dir, option: "--output-dir")
            for name in mode == .train ? ["logits.npy", "aux1.npy", "aux2.npy"] : ["logits.npy"] {
                try OutputFiles.checkReplaceable(dir + "/" + name, kind: .npy, option: "--output-dir")
            }
        }
        let file = try weights.map { try SafeTensorsFile.read(path: $0) }
        if let file, let warning = file.nonFiniteWarning(source: weights ?? "") { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        DefaultGenerator.seed(seed)
        let net = try ModelFromWeights.network(variant: variant, weights: file, source: weights ?? "",
                                               dropout: dropout, transformInput: transformInput ? true : nil)
        if let torchvision = net as? TorchvisionGoogLeNet { printTorchvisionNotes(torchvision) }
        let x = try inputTensor(trainedSize: file?.metadata["input_size"].flatMap(Int.init))
        try ForwardBudget.check(net, input: x.shape, what: "the forward pass")
        net.setTraining(mode == .train)
        let context = ExecutionContext(seed: seed)
        let start = Date()
        let output = try net.outputs(x, context)
        let ms = Date().timeIntervalSince(start) * 1000
        print("input      \(formatShape(x.shape))")
        if let a = output.aux1 { print("aux1       \(formatShape(a.shape))") }
        if let a = output.aux2 { print("aux2       \(formatShape(a.shape))") }
        print("logits     \(formatShape(output.logits.shape))")
        print(String(format: "forward    %.1f ms (%@ mode, %@)", ms, mode.rawValue, OpenBLAS.kernelDescription))
        if let dir = outputDir {
            var written = ["logits.npy"]
            try writeNpy(output.logits, to: dir + "/logits.npy")
            if let a = output.aux1 { try writeNpy(a, to: dir + "/aux1.npy"); written.append("aux1.npy") }
            if let a = output.aux2 { try writeNpy(a, to: dir + "/aux2.npy"); written.append("aux2.npy") }
            print("wrote      \(written.map { dir + "/" + $0 }.joined(separator: ", "))")
        }
        if top > 0 {
            let report = try TopPredictions.report(output.logits, k: top, classNames: file.flatMap(Checkpoint.classNames(in:)))
            if let note = report.note { printError("note: \(note)") }
            if weights == nil {
                print("note       random weights (seed \(seed)): the classes below mean nothing until trained or pretrained weights are loaded (--weights)")
            }
            print(report.text)
        }
    }

    /// The input: a .npy tensor, a random tensor, or a preprocessed image.
    /// `trainedSize`: the input size a model trained by `inception train` records in its file;
    /// its pictures are prepared as its validation images were.
    private func inputTensor(trainedSize: Int? = nil) throws -> Tensor {
        if let path = input { return try requireImages(try readNpy(path: path), in: path) }
        if let path = image {
            let picture = try ImageFile.read(path)
            if let size = trainedSize {
                let values = try preparingPicture(from: path) { try TrainingTransforms.evaluation(picture, size: size) }
                print("image      \(path): \(picture.width)×\(picture.height), prepared as the model's training pictures (\(size)×\(size), ImageNet normalisation)")
                return try Tensor(shape: [1, 3, size, size], values: values)
            }
            let x = try preparingPicture(from: path) { try ImageNetPreprocessing.tensor(from: picture) }
            print("image      \(path): \(ImageNetPreprocessing.describe(width: picture.width, height: picture.height))")
            return x
        }
        var rng = SeededRandom(seed: seed)
        try MemoryBudget.check(shape: random!.dims, what: "--random")
        return Tensor.randn(random!.dims, rng: &rng)
    }

    /// What a learner should know when running torchvision's variant.
    private func printTorchvisionNotes(_ net: TorchvisionGoogLeNet) {
        print("network    torchvision's GoogLeNet, transform_input \(net.options.transformInput ? "on" : "off")")
        print("note       \(TorchvisionBlocks.branch3Note)")
        if mode == .train { print("note       torchvision returns (logits, aux2, aux1) in train mode; below, aux1 is the head after inception4a, aux2 after inception4d") }
    }
}
