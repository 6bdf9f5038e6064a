import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime

/// `inception forward`: one forward pass of the seed network, its output shapes and timing.
struct ForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Run one forward pass of the reference Inception V1 and print its outputs' shapes and the time taken.")

    @Option(help: "Weights as a safetensors file with the seed's state_dict names (default: the seed's init).")
    var weights: String?

    @Option(help: "Seed for the random weights, the random input and dropout.")
    var seed: UInt64 = 0

    @Option(help: "Input tensor as a float32 .npy file, shape (N, C, H, W).")
    var input: String?

    @Option(help: "Random input of this shape, e.g. 2,3,224,224.")
    var random: ShapeArgument?

    @Option(help: "eval (BatchNorm uses running statistics) or train (batch statistics, aux heads run).")
    var mode: Mode = .eval

    @Option(help: "Dropout probability of every dropout layer (default 0.5, the seed's).")
    var dropout: Double?

    @Option(help: "Write logits.npy (and in train mode aux1.npy, aux2.npy) here.")
    var outputDir: String?

    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        guard (input == nil) != (random == nil) else {
            throw ValidationError("give exactly one of --input FILE.npy or --random N,C,H,W")
        }
        if let p = dropout, !(0...1).contains(p) { throw ValidationError("--dropout must be between 0 and 1, got \(p)") }
    }

    func run() throws {
        runtime.apply()
        do { try forward() } catch let error as UserError { throw error } catch {
            throw UserError("\(error)")
        }
    }

    private func forward() throws {
        let loaded = try weights.map { try SafeTensorsFile.read(path: $0) }
        ParameterInit.reseed(seed)
        let net = try InceptionV1(ModelFromWeights.options(for: loaded?.tensors, dropout: dropout ?? 0.5))
        if let loaded {
            do { try net.loadStateDict(loaded.tensors) } catch {
                throw UserError("\(weights!): \(error)")
            }
        }
        var rng = SeededRandom(seed: seed)
        let x = try input.map { try readNpy(path: $0) } ?? Tensor.randn(random!.dims, rng: &rng)
        net.setTraining(mode == .train)
        let context = ExecutionContext(seed: seed)
        let start = Date()
        let output = try net.run(x, context)
        let ms = Date().timeIntervalSince(start) * 1000
        print("input      \(formatShape(x.shape))")
        if let a = output.aux1 { print("aux1       \(formatShape(a.shape))") }
        if let a = output.aux2 { print("aux2       \(formatShape(a.shape))") }
        print("logits     \(formatShape(output.logits.shape))")
        print(String(format: "forward    %.1f ms (%@ mode, %@)", ms, mode.rawValue, OpenBLAS.kernelDescription))
        if let dir = outputDir {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var written = ["logits.npy"]
            try writeNpy(output.logits, to: dir + "/logits.npy")
            if let a = output.aux1 { try writeNpy(a, to: dir + "/aux1.npy"); written.append("aux1.npy") }
            if let a = output.aux2 { try writeNpy(a, to: dir + "/aux2.npy"); written.append("aux2.npy") }
            print("wrote      \(written.map { dir + "/" + $0 }.joined(separator: ", "))")
        }
    }
}
