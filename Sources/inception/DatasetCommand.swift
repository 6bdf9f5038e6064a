import ArgumentParser
import Foundation
import InceptionImaging

/// `inception dataset`: writes a few pictures of each class of the built-in data set as PNG,
/// so a learner can look at what the network will learn from.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Write a few pictures of each class of the built-in data set (drawn in code) as PNG.",
        discussion: """
            The built-in data set has \(SyntheticShapes.classNames.count) classes: \
            \(SyntheticShapes.classNames.joined(separator: ", ")). Each picture has a random \
            background colour, gradient and noise, and one figure in a random colour, position, size \
            and angle; the same seed always draws the same pictures. Files are named \
            <class>-<i>.png (spaces become dashes): the i-th picture of that class in the split.
            Example:
              inception dataset --out shapes --per-class 3
            """)

    @Option(help: "The folder to write into (made if missing).")
    var out: String

    @Option(parsing: .unconditional, help: "How many pictures of each class.")
    var perClass: Int = 4

    @Option(parsing: .unconditional, help: "The data set's seed (the same seed draws the same pictures).")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Width and height in pixels.")
    var size: Int = 224

    @Option(help: "train or val.")
    var split: DatasetSplit = .train

    func validate() throws {
        guard (1...1000).contains(perClass) else { throw ValidationError("--per-class must be 1 to 1000, got \(perClass)") }
        guard (16...1024).contains(size) else { throw ValidationError("--size must be 16 to 1024, got \(size)") }
    }

    static func fileName(_ className: String, _ i: Int) -> String {
        "\(className.replacingOccurrences(of: " ", with: "-"))-\(i).png"
    }

    func run() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            throw UserError("--out \(out): a file of that name is in the way, not a folder: give a folder's name to --out")
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw UserError("\(out): the folder cannot be made: check that its parent exists and is writable")
        }
        let data = SyntheticShapes(seed: seed, size: size, trainPerClass: perClass, valPerClass: perClass)
        let classes = SyntheticShapes.classNames
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        // Every file is checked before the first is written: a PNG may be replaced, nothing else.
        for name in classes { for i in 0..<perClass { try OutputFiles.checkReplaceable(folder + "/" + Self.fileName(name, i), kind: .png, option: "--out") } }
        for (label, name) in classes.enumerated() {
            for i in 0..<perClass {
                // Labels go round-robin: the i-th picture of class `label` is index i·classes + label.
                let sample = data.sample(split, i * classes.count + label)
                let path = folder + "/" + Self.fileName(name, i)
                do { try ImageFile.write(sample.image, to: path) } catch { throw UserError("\(error)") }
            }
            let first = folder + "/" + Self.fileName(name, 0)
            let files = perClass == 1 ? first : "\(first) … \(Self.fileName(name, perClass - 1))"
            print("wrote      \(files): class \(label), \(name) (\(split.rawValue), \(size)×\(size), seed \(seed))")
        }
    }
}

extension DatasetSplit: ExpressibleByArgument {}
