import Foundation
import TestSupport
import XCTest

/// `inception dataset --out DIR`: a PNG per picture, named <class>-<i>.png, one line per class,
/// the same bytes for the same seed.
final class DatasetCommandTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    static let classes = ["circle", "ring", "square", "small-square", "triangle", "cross", "horizontal-stripes",
                          "vertical-stripes", "diagonal-stripes", "fine-stripes", "checkerboard", "dots"]

    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ path: String) throws -> (Int, Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], path)
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    func testWritesEachClassAndSaysWhat() throws {
        let out = dir + "/shapes"
        let r = try InceptionBinary.run(["dataset", "--out", out, "--per-class", "2", "--size", "64", "--seed", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 12, r.stdout)
        XCTAssertEqual(lines[0], "wrote      \(out)/circle-0.png … circle-1.png: class 0, circle (train, 64×64, seed 3)")
        XCTAssertEqual(lines[3], "wrote      \(out)/small-square-0.png … small-square-1.png: class 3, small square (train, 64×64, seed 3)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(files, Self.classes.flatMap { ["\($0)-0.png", "\($0)-1.png"] }.sorted())
        for file in files { XCTAssertTrue(try pngSize(out + "/" + file) == (64, 64), file) }

        // The same seed draws the same bytes; another seed other pictures; val other pictures.
        let again = try InceptionBinary.run(["dataset", "--out", dir + "/again", "--per-class", "1", "--size", "64", "--seed", "3"])
        let other = try InceptionBinary.run(["dataset", "--out", dir + "/other", "--per-class", "1", "--size", "64", "--seed", "4"])
        let val = try InceptionBinary.run(["dataset", "--out", dir + "/val", "--per-class", "1", "--size", "64", "--seed", "3", "--split", "val"])
        XCTAssertEqual([again.status, other.status, val.status], [0, 0, 0], again.stderr + other.stderr + val.stderr)
        XCTAssertEqual(again.stdout.split(separator: "\n").first.map(String.init), "wrote      \(dir)/again/circle-0.png: class 0, circle (train, 64×64, seed 3)")
        for name in Self.classes {
            let first = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(name)-0.png"))
            XCTAssertEqual(first, try Data(contentsOf: URL(fileURLWithPath: "\(dir)/again/\(name)-0.png")), name)
            XCTAssertNotEqual(first, try Data(contentsOf: URL(fileURLWithPath: "\(dir)/other/\(name)-0.png")), name)
            XCTAssertNotEqual(first, try Data(contentsOf: URL(fileURLWithPath: "\(dir)/val/\(name)-0.png")), name)
        }
    }

    func testBadArgumentsAreOneLine() throws {
        let zero = try InceptionBinary.run(["dataset", "--out", dir, "--per-class", "0"])
        XCTAssertNotEqual(zero.status, 0)
        XCTAssertTrue(zero.stderr.hasPrefix("Error: --per-class must be 1 to 1000, got 0\n"), zero.stderr)

        let file = dir + "/a-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let onFile = try InceptionBinary.run(["dataset", "--out", file + "/shapes", "--per-class", "1", "--size", "32"])
        XCTAssertNotEqual(onFile.status, 0)
        XCTAssertEqual(onFile.stderr, "Error: \(file)/shapes: the folder cannot be made: check that its parent exists and is writable\n")
    }
}
