import Foundation
import InceptionImaging
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// Bad weight files and inputs: one clear line naming the problem, a non-zero exit, no crash.
final class BadInputTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A safetensors file with one F32 tensor whose header says what `header` says.
    func safetensors(header: String, dataBytes: Int) -> [UInt8] {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var bytes = withUnsafeBytes(of: UInt64(h.count).littleEndian) { Array($0) }
        bytes += h
        bytes += [UInt8](repeating: 0, count: dataBytes)
        return bytes
    }

    func forward(weights: String, extra: [String] = ["--random", "1,3,64,64"]) throws -> CommandResult {
        try InceptionBinary.run(["forward", "--weights", weights] + extra)
    }

    func assertOneLineError(_ r: CommandResult, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        XCTAssertEqual(r.stderr, "Error: \(expected)\n", file: file, line: line)
        XCTAssertFalse(r.stderr.contains("Fatal error"), file: file, line: line)
    }

    func testTruncatedSafetensors() throws {
        let good = safetensors(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, dataBytes: 16)
        let path = try write(Array(good.prefix(good.count - 6)), "truncated.safetensors")
        assertOneLineError(try forward(weights: path),
                           "\(path): tensor 'w' data_offsets [0, 16] run past the end of the data (10 bytes): the file is truncated or corrupt")
    }

    func testOffsetsPastTheEnd() throws {
        let path = try write(safetensors(header: #"{"w":{"dtype":"F32","shape":[1024],"data_offsets":[0,4096]}}"#, dataBytes: 1024), "offsets.safetensors")
        assertOneLineError(try forward(weights: path),
                           "\(path): tensor 'w' data_offsets [0, 4096] run past the end of the data (1024 bytes): the file is truncated or corrupt")
    }

    func testAbsurdHeaderLength() throws {
        var bytes = withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) }
        bytes += Array("{}".utf8)
        let path = try write(bytes, "absurd.safetensors")
        assertOneLineError(try forward(weights: path),
                           "\(path): header length 1099511627776 is larger than the file (10 bytes): the file is truncated or not a safetensors file")
    }

    func testUnsupportedDtype() throws {
        let path = try write(safetensors(header: #"{"conv1.layer.0.weight":{"dtype":"BOOL","shape":[2],"data_offsets":[0,16]}}"#, dataBytes: 16), "int.safetensors")
        assertOneLineError(try forward(weights: path),
                           "\(path): tensor 'conv1.layer.0.weight' has dtype BOOL; only F32, F16, BF16, F64, I64 and I32 tensors can be loaded")
    }

    func testMissingKeyIsNamedWithItsShape() throws {
        // A full seed state_dict without one key.
        let net = try InceptionV1(.init(numClasses: 10))
        let entries = net.stateDict().filter { $0.name != "inception4b.conv5x5.1.layer.0.weight" && !$0.name.hasSuffix("num_batches_tracked") }
        let path = dir + "/missing.safetensors"
        try writeSafeTensors(entries, to: path)
        assertOneLineError(try forward(weights: path),
                           "\(path): missing key 'inception4b.conv5x5.1.layer.0.weight' (expected shape 64×24×5×5)")
    }

    /// Files often given where a safetensors file belongs are named as what they are, with the fix.
    func testOtherFormatsAreNamedAsWhatTheyAre() throws {
        let pth = try write([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 7, count: 60), "model.pth")
        assertOneLineError(try forward(weights: pth),
                           "\(pth): this is a zip archive, as torch.save writes it (a pickled PyTorch state_dict), not a safetensors file: convert it once in Python: from safetensors.torch import save_file; save_file(torch.load(path), \"model.safetensors\")")
        let legacy = try write([0x80, 0x02, 0x8A, 0x0A] + [UInt8](repeating: 0, count: 60), "legacy.pt")
        assertOneLineError(try forward(weights: legacy),
                           "\(legacy): this is a Python pickle (torch.save's legacy format), not a safetensors file: convert it once in Python: from safetensors.torch import save_file; save_file(torch.load(path), \"model.safetensors\")")
        let picture = try write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 60), "photo.png")
        assertOneLineError(try forward(weights: picture),
                           "\(picture): this is a PNG image, not a safetensors weight file: pictures go to --image (load_image(path) in a program)")
        let npy = dir + "/x.npy"
        try writeNpy(Tensor(zeros: [1, 3, 8, 8]), to: npy)
        assertOneLineError(try forward(weights: npy),
                           "\(npy): this is a NumPy .npy array, not a safetensors weight file: input tensors go to --input (torch.load of a name ending in .npy in a program)")
    }

    /// torchvision's names under DataParallel's 'module.' are named with the way to strip it.
    func testPrefixedNamesAreExplained() throws {
        let net = try TorchvisionGoogLeNet(.init(numClasses: 10))
        let path = dir + "/wrapped.safetensors"
        try writeSafeTensors(net.stateDict().map { ("module." + $0.name, $0.tensor) }, to: path)
        assertOneLineError(try forward(weights: path),
                           "\(path): its tensor names start with 'module.' (module.conv1.conv.weight): torchvision's GoogLeNet saved inside another module (nn.DataParallel writes 'module.'); save the inner model's state_dict, or strip the prefix in Python: {k.removeprefix('module.'): v for k, v in state.items()}")
    }

    func testFilesOfNoGoogLeNetAreSaidToBeSo() throws {
        let empty = try write(safetensors(header: #"{"__metadata__":{"format":"pt"}}"#, dataBytes: 0), "empty.safetensors")
        assertOneLineError(try forward(weights: empty), "\(empty): the file holds no tensors (its header lists none): it is not a saved state_dict")
        let other = try write(safetensors(header: #"{"layer1.0.conv1.weight":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"fc.weight":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#, dataBytes: 16), "resnet.safetensors")
        assertOneLineError(try forward(weights: other),
                           "\(other): none of its 2 tensor names ('layer1.0.conv1.weight', 'fc.weight') is a name of the seed's Inception_V1 or torchvision's GoogLeNet: these are not GoogLeNet weights (see docs/torchvision.md for saving torchvision's)")
    }

    /// A picture too narrow to resize is named by its file.
    func testTooNarrowPictureIsNamed() throws {
        let path = dir + "/strip.png"
        try ImageFile.write(RGBImage(width: 3000, height: 2, fill: (10, 20, 30)), to: path)
        assertOneLineError(try InceptionBinary.run(["forward", "--image", path, "--top", "0"]),
                           "\(path): a 3000×2 image would be resized to 384000×256: it is too narrow for the shorter side to become 256; crop it first")
    }

    /// One picture saved without its batch dimension is named as such, with the fix.
    func testInputWithoutBatchDimension() throws {
        let path = dir + "/picture.npy"
        try writeNpy(Tensor(zeros: [3, 32, 32]), to: path)
        assertOneLineError(try InceptionBinary.run(["forward", "--input", path]),
                           "\(path) holds a 3×32×32 array, not a batch of images (N, C, H, W): add the batch dimension: np.save(path, a[None])")
    }

    func testFourChannelInput() throws {
        let r = try InceptionBinary.run(["forward", "--random", "1,4,224,224"])
        assertOneLineError(r, "Inception_V1 expects input (N, 3, H, W), got 1×4×224×224: the network was built with in_channel=3")
    }

    func testGoodRunPrintsShapesAndWritesLogits() throws {
        let r = try InceptionBinary.run(["forward", "--random", "2,3,224,224", "--mode", "train", "--output-dir", dir])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("aux1       2×1000\naux2       2×1000\nlogits     2×1000\n"), r.stdout)
        let logits = try readNpy(path: dir + "/logits.npy")
        XCTAssertEqual(logits.shape, [2, 1000])
        XCTAssertEqual(try readNpy(path: dir + "/aux1.npy").shape, [2, 1000])
    }

    func testTrainModeWithTooSmallInputExplainsAuxHeads() throws {
        let r = try InceptionBinary.run(["forward", "--random", "2,3,160,160", "--mode", "train"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Error: aux1: AuxOut needs a 14×14 input so that AvgPool2d(5, 3) gives 128·4·4 = 2048 features; got input 2×512×10×10"), r.stderr)
    }

    func testVersionReportsTheKernel() throws {
        let r = try InceptionBinary.run(["--version"], removing: ["OPENBLAS_CORETYPE"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("inception 0.1.0 — OpenBLAS 0.3."), r.stdout)
        // On a CPU with AVX2, the kernels in use are never the Prescott fallback: either
        // OpenBLAS knew the CPU, or the program re-executed itself with OPENBLAS_CORETYPE set.
        if CPUInfo.current().flags.contains("avx2") {
            XCTAssertFalse(r.stdout.contains(" Prescott kernels"), r.stdout)
        }
    }
}
