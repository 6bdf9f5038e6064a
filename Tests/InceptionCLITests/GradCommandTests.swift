import Foundation
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// `inception grad`: the loss and gradients it prints and writes are the autograd's for the
/// same network, input and labels; bad labels get one line naming the file and the fix.
final class GradCommandTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A .npy of the given numpy dtype ('<i8', '<i4', '<f4') and shape holding `values`.
    func labels(_ values: [Int], descr: String = "<i8", shape: [Int]? = nil, name: String = "labels.npy") throws -> String {
        let dims = shape ?? [values.count]
        var header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims.map(String.init).joined(separator: ", "))\(dims.count == 1 ? "," : "")), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0a)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xff), UInt8(header.count >> 8)] + header
        for v in values {
            switch descr {
            case "<i8": bytes += withUnsafeBytes(of: Int64(v).littleEndian) { Array($0) }
            case "<i4": bytes += withUnsafeBytes(of: Int32(v).littleEndian) { Array($0) }
            default: bytes += withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { Array($0) }
            }
        }
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testLossAndGradientsAreTheAutogradsForTheSameNetwork() throws {
        let labelFile = try labels([3, 7], descr: "<i4")
        let out = dir + "/g.safetensors"
        let r = try InceptionBinary.run(["grad", "--random", "2,3,224,224", "--labels", labelFile, "--classes", "10",
                                         "--dropout", "0", "--seed", "4", "--output", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "input      2×3×224×224, labels \(labelFile) (2 in 0..<10)")
        XCTAssertTrue(lines[1].hasPrefix("loss       ") && lines[1].hasSuffix(" = CE(logits) + 0.3 · (CE(aux1) + CE(aux2))"), lines[1])
        XCTAssertTrue(r.stdout.contains("\nlargest gradient norms\n") && r.stdout.contains("\nsmallest gradient norms\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("wrote      \(out): loss and 246 gradients under their state_dict names\n"), r.stdout)

        // The same computation in process.
        DefaultGenerator.seed(4)
        let net = try InceptionV1(.init(dropout: 0, numClasses: 10))
        var rng = SeededRandom(seed: 4)
        let x = Tensor.randn([2, 3, 224, 224], rng: &rng)
        net.setTraining(true)
        let loss = try net.outputs(x, ExecutionContext(seed: 4)).totalLoss(labels: [3, 7])
        try Autograd.backward(loss)
        let file = try SafeTensorsFile.read(path: out)
        XCTAssertEqual(file.tensors["loss"]?.values, [loss.scalar])
        XCTAssertTrue(lines[1].hasPrefix("loss       \(String(format: "%.6f", loss.scalar)) "), lines[1])
        XCTAssertEqual(file.order.count, 247)
        for (name, p) in net.namedParameters() {
            let written = try XCTUnwrap(file.tensors[name], name)
            XCTAssertEqual(written.values, try XCTUnwrap(p.grad, name).values, name)
        }
    }

    func testEvalModeHasNoAuxTerms() throws {
        let r = try InceptionBinary.run(["grad", "--random", "1,3,96,96", "--labels", try labels([5]), "--mode", "eval"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(" = CE(logits)  (eval mode: the aux heads do not run)\n"), r.stdout)
    }

    func testBadLabelsAreRefusedWithOneLine() throws {
        func refuses(_ path: String, _ message: String, batch: Int = 2, file: StaticString = #filePath, line: UInt = #line) throws {
            let r = try InceptionBinary.run(["grad", "--random", "\(batch),3,96,96", "--labels", path, "--mode", "eval", "--classes", "10"])
            XCTAssertNotEqual(r.status, 0, file: file, line: line)
            XCTAssertEqual(r.stderr, "Error: \(path): \(message)\n", file: file, line: line)
        }
        try refuses(try labels([1, 2], descr: "<f4", name: "f.npy"),
                    "labels must be int64 or int32 class indices, this array is '<f4' (save them with np.array([...], dtype=np.int64))")
        try refuses(try labels([1, 2, 3], name: "three.npy"), "3 labels for a batch of 2 images: give one label per image")
        try refuses(try labels([1, 10], name: "range.npy"),
                    "label 10 at index 1 is outside [0, 10): the network has 10 classes (--classes sets it for random weights)")
        try refuses(try labels([1, -1], name: "negative.npy"),
                    "label -1 at index 1 is outside [0, 10): the network has 10 classes (--classes sets it for random weights)")
        try refuses(try labels([1, 2], shape: [2, 1], name: "column.npy"), "labels must have shape (N,), this array is 2×1")
    }
}
