import ArgumentParser
import InceptionImaging

/// `inception sample-image`: writes the project's own sample picture, drawn in code.
struct SampleImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-image",
        abstract: "Write the built-in sample picture (a disc, a checkerboard, stripes, a triangle) as PNG or JPEG.")

    @Argument(help: "Where to write it (.png, .jpg or .jpeg).")
    var out: String = "sample.png"

    @Option(help: "Width in pixels.")
    var width: Int = SampleImage.defaultWidth

    @Option(help: "Height in pixels.")
    var height: Int = SampleImage.defaultHeight

    func validate() throws {
        guard (1...4096).contains(width), (1...4096).contains(height) else {
            throw ValidationError("--width and --height must be 1 to 4096, got \(width)×\(height)")
        }
    }

    func run() throws {
        try OutputFiles.checkReplaceable(out, kind: OutputFiles.imageKind(out), option: "the output")
        do { try ImageFile.write(SampleImage.draw(width: width, height: height), to: out) } catch {
            throw UserError("\(error)")
        }
        print("wrote      \(out): the sample picture, \(width)×\(height)")
    }
}
