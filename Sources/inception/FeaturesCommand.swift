import ArgumentParser
import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime

/// `inception features`: runs the network on an image (the built-in sample by default) and
/// draws every channel of one module's output as a PNG grid.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Draw every channel of one module's output (a feature map) as a PNG grid.",
        discussion: """
            Runs the network in eval mode on an image (the built-in sample picture when --image is \
            not given) and writes one tile per channel of the module's output, coloured with viridis \
            (dark purple = the channel's lowest value, yellow = its highest), channel numbers above.
            Examples:
              inception features --module conv1
              inception features --module inception3a.conv3x3 --image photo.jpg --out 3x3-branch.png
              inception features --weights googlenet.safetensors --module inception4a.branch2 --image photo.jpg
            """)

    @Option(help: "The module whose output to draw, as a state_dict-style path: conv1, inception3a, inception3a.conv3x3 (seed), inception3a.branch2 (torchvision), …")
    var module: String

    @Option(help: "A PNG or JPEG image (default: the built-in sample picture, as `inception sample-image` draws it).")
    var image: String?

    @Option(help: "Weights as a safetensors file with PyTorch state_dict names (default: the variant's own init).")
    var weights: String?

    @Option(help: "seed or torchvision. Default: the one the weights were saved from, else seed.")
    var variant: InceptionVariant?

    @Flag(help: "torchvision only: re-normalise the input to the (−1, 1) scale of torchvision's pretrained weights.")
    var transformInput = false

    @Option(parsing: .unconditional, help: "Seed for the random weights.")
    var seed: UInt64 = 0

    @Flag(help: "Scale all channels together instead of each from its own minimum to maximum.")
    var sharedScale = false

    @Option(help: "Where to write the PNG (default: MODULE.png).")
    var out: String?

    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        runtime.apply()
        do { try GradMode.with(enabled: false) { try draw() } } catch let error as UserError { throw error } catch {
            throw UserError("\(error)")
        }
    }

    private func draw() throws {
        try OutputFiles.checkReplaceable(out ?? "\(module).png", kind: .png, option: "--out")
        let file = try weights.map { try SafeTensorsFile.read(path: $0) }
        if let file, let warning = file.nonFiniteWarning(source: weights ?? "") { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        DefaultGenerator.seed(seed)
        let net = try ModelFromWeights.network(variant: variant, weights: file, source: weights ?? "",
                                               transformInput: transformInput ? true : nil)
        guard let target = net.module(at: module), !module.isEmpty else {
            throw UserError("no module '\(module)' in \(net.variant.displayName); its top-level modules are \(net.children.map(\.name).joined(separator: ", ")) (use a dotted path for a part, e.g. \(net.variant == .seed ? "inception3a.conv3x3" : "inception3a.branch2"))")
        }
        let picture = try image.map { try ImageFile.read($0) } ?? SampleImage.draw()
        let x = try preparingPicture(from: image ?? "the built-in sample picture") { try ImageNetPreprocessing.tensor(from: picture) }
        print("image      \(image ?? "the built-in sample picture"): \(ImageNetPreprocessing.describe(width: picture.width, height: picture.height))")
        print("network    \(net.variant.displayName), \(weights.map { "weights \($0)" } ?? "random weights (seed \(seed))"), eval mode")
        if net.variant == .torchvision && weights == nil {
            print("note       random weights show random features; torchvision's pretrained weights show learned ones (docs/torchvision.md)")
        }
        net.setTraining(false)
        let capture = OutputCapture(path: module)
        _ = try net.outputs(x, ExecutionContext(seed: seed, observers: [capture]))
        guard let output = capture.output else {
            throw UserError("\(module) (\(target.typeName)) did not run in eval mode\(module.hasPrefix("aux") ? ": the aux heads run in train mode only" : ""); pick a module on the main path")
        }
        print("module     \(module) (\(target.typeName)) output \(formatShape(output.shape))")
        guard output.rank == 4 else {
            throw UserError("\(module)'s output \(formatShape(output.shape)) is not a stack of 2-D maps (N, C, H, W); pick a convolution, pool or Inception module")
        }
        let path = out ?? "\(module).png"
        let layout = try FeatureMapGrid(scaling: sharedScale ? .shared : .perChannel).write(output, to: path)
        let scale = sharedScale ? "all channels on one scale" : "each channel scaled on its own"
        print("wrote      \(path): \(layout.summary), \(layout.imageWidth)×\(layout.imageHeight) pixels; channel numbers above the tiles, \(scale) from dark purple (lowest) to yellow (highest)")
    }
}

/// Keeps the output of the module at one path during a forward pass.
final class OutputCapture: TraceObserver {
    let path: String
    private(set) var output: Tensor?
    init(path: String) { self.path = path }
    func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {
        if event.path == path, self.output == nil { self.output = output }
    }
}
