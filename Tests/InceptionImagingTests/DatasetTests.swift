import Foundation
import InceptionImaging
import InceptionRuntime
import XCTest

/// The built-in data set (deterministic, balanced, varied, its classes different on average),
/// the ImageFolder reader (a good folder loads; a malformed one is refused with one line naming
/// the folder or file) and the transforms that turn a picture into the network's input.
final class DatasetTests: XCTestCase {
    let classCount = SyntheticShapes.classNames.count

    func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    func meanAbsoluteDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.pixels.count)
    }

    // MARK: - The built-in data set

    func testClassNamesArePlainWordsAndAtLeastTen() {
        XCTAssertGreaterThanOrEqual(classCount, 10)
        XCTAssertEqual(Set(SyntheticShapes.classNames).count, classCount)
        for name in SyntheticShapes.classNames {
            XCTAssertTrue(name.allSatisfy { $0.isLowercase || $0 == " " }, name)
        }
    }

    func testSameSeedSameBytesDifferentSeedDifferentPictures() {
        let a = SyntheticShapes(seed: 7, size: 96), b = SyntheticShapes(seed: 7, size: 96), other = SyntheticShapes(seed: 8, size: 96)
        for split in DatasetSplit.allCases {
            for i in [0, 1, 5, 11, 12, 100, a.count(split) - 1] {
                let (x, y, z) = (a.sample(split, i), b.sample(split, i), other.sample(split, i))
                XCTAssertEqual(x.image, y.image, "\(split) \(i)")
                XCTAssertEqual(x.label, y.label)
                XCTAssertEqual(x.label, z.label, "labels depend on the index only")
                XCTAssertNotEqual(x.image, z.image, "\(split) \(i): seeds 7 and 8 drew the same picture")
            }
        }
        // Drawing one index does not depend on having drawn others, nor on the split sizes.
        let small = SyntheticShapes(seed: 7, size: 96, trainPerClass: 20, valPerClass: 1)
        XCTAssertEqual(small.sample(.train, 100).image, a.sample(.train, 100).image)
    }

    /// The bytes of a few pictures at the default size and seed, so a change to the drawing
    /// (or a platform that rounds differently) shows up here rather than as a different data set.
    func testPicturesAtSeedZeroArePinned() {
        let data = SyntheticShapes()
        XCTAssertEqual(data.size, 224)
        let pinned: [(DatasetSplit, Int, UInt64)] = [(.train, 0, 0x4309_b6e5_99ea_c389), (.train, 13, 0x3407_d35a_201c_dcb7),
                                                  (.train, 4799, 0xdf5d_79af_4cdf_c30e), (.val, 0, 0xc24b_3de9_2047_b50c),
                                                  (.val, 599, 0xfc48_76cb_b467_c3aa)]
        var got: [String] = []
        for (split, i, _) in pinned {
            let s = data.sample(split, i)
            XCTAssertEqual(s.image.width, 224); XCTAssertEqual(s.image.height, 224)
            got.append(String(format: "(.%@, %d, 0x%016llx)", split.rawValue, i, fnv1a64(s.image.pixels)))
        }
        XCTAssertEqual(got, pinned.map { String(format: "(.%@, %d, 0x%016llx)", $0.0.rawValue, $0.1, $0.2) })
    }

    func testClassesAreBalancedInBothSplits() {
        let data = SyntheticShapes(seed: 3, size: 32, trainPerClass: 9, valPerClass: 4)
        XCTAssertEqual(data.count(.train), 9 * classCount)
        XCTAssertEqual(data.count(.val), 4 * classCount)
        XCTAssertEqual(SyntheticShapes().count(.train), 400 * classCount)
        XCTAssertEqual(SyntheticShapes().count(.val), 50 * classCount)
        for (split, perClass) in [(DatasetSplit.train, 9), (.val, 4)] {
            var counts = [Int](repeating: 0, count: classCount)
            for i in 0..<data.count(split) {
                let label = data.sample(split, i).label
                XCTAssertEqual(label, data.label(split, i))
                counts[label] += 1
            }
            XCTAssertEqual(counts, [Int](repeating: perClass, count: classCount), "\(split)")
        }
    }

    func testTrainAndValAreDifferentPictures() {
        let data = SyntheticShapes(seed: 0, size: 64)
        var trainHashes = Set<UInt64>()
        for i in 0..<240 { trainHashes.insert(fnv1a64(data.sample(.train, i).image.pixels)) }
        XCTAssertEqual(trainHashes.count, 240, "two train pictures are identical")
        for i in 0..<240 {
            XCTAssertFalse(trainHashes.contains(fnv1a64(data.sample(.val, i).image.pixels)), "val \(i) is also a train picture")
        }
    }

    func testPicturesOfOneClassVary() {
        let data = SyntheticShapes(seed: 0, size: 96)
        for label in 0..<classCount {
            let a = data.sample(.train, label).image, b = data.sample(.train, label + classCount).image
            XCTAssertGreaterThan(meanAbsoluteDifference(a, b), 10, SyntheticShapes.classNames[label])
        }
    }

    /// Without training anything, hand-made statistics (edge orientation, fine vs coarse detail,
    /// the figure's area, compactness, pieces and roundness: PictureFeatures) tell every pair of
    /// classes apart on average: for each pair some statistic's class means differ by at least
    /// 6 standard errors over 40 pictures each.
    func testEveryPairOfClassesDiffersOnAverage() {
        let perClass = 40
        let data = SyntheticShapes(seed: 0, size: 112, trainPerClass: perClass, valPerClass: 0)
        var features = [[[Double]]](repeating: [], count: classCount)
        for i in 0..<data.count(.train) {
            let s = data.sample(.train, i)
            features[s.label].append(PictureFeatures.of(s.image))
        }
        let count = PictureFeatures.names.count
        var mean = [[Double]](repeating: [Double](repeating: 0, count: count), count: classCount), sd = mean
        for c in 0..<classCount {
            for f in 0..<count {
                let values = features[c].map { $0[f] }
                let m = values.reduce(0, +) / Double(perClass)
                mean[c][f] = m
                sd[c][f] = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(perClass - 1)).squareRoot()
            }
        }
        var weakest = (z: Double.infinity, pair: "")
        for i in 0..<classCount {
            for j in (i + 1)..<classCount {
                var best = (z: 0.0, feature: "")
                for f in 0..<count {
                    let se = ((sd[i][f] * sd[i][f] + sd[j][f] * sd[j][f]) / Double(perClass)).squareRoot()
                    let z = abs(mean[i][f] - mean[j][f]) / max(se, 1e-12)
                    if z > best.z { best = (z, PictureFeatures.names[f]) }
                }
                let pair = "\(SyntheticShapes.classNames[i]) vs \(SyntheticShapes.classNames[j])"
                XCTAssertGreaterThan(best.z, 6, "\(pair): closest on average (best: \(best.feature), \(best.z) standard errors)")
                if best.z < weakest.z { weakest = (best.z, "\(pair) by \(best.feature)") }
            }
        }
        print("closest pair of classes: \(weakest.pair), \(String(format: "%.1f", weakest.z)) standard errors apart")
    }

    /// One 224×224 picture is drawn in a few milliseconds even in a debug build (InceptionImaging
    /// is optimised in every build); the bound is loose for a busy machine.
    func testDrawingIsFast() {
        let data = SyntheticShapes(seed: 1)
        _ = data.sample(.train, 0)
        let n = 48
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<n { _ = data.sample(.train, i) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(n)
        print(String(format: "one 224×224 picture: %.2f ms", ms))
        XCTAssertLessThan(ms, 25)
    }

    // MARK: - ImageFolder

    var dir = ""
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("inception-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func picture(_ shade: UInt8, width: Int = 5, height: Int = 4) -> RGBImage {
        RGBImage(width: width, height: height, fill: (shade, 255 - shade, shade / 2))
    }

    /// Writes `files` (paths under `dir`): .png and .jpg get a picture, anything else text.
    func make(_ files: [String], folders: [String] = []) throws {
        for folder in folders { try FileManager.default.createDirectory(atPath: dir + "/" + folder, withIntermediateDirectories: true) }
        for (i, file) in files.enumerated() {
            let path = dir + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if file.hasSuffix(".png") || file.hasSuffix(".jpg") {
                try ImageFile.write(picture(UInt8(i * 10)), to: path)
            } else {
                try Data("not a picture".utf8).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    func refusal(_ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ImageFolderDataset(directory: dir), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
            XCTAssertFalse("\(error)".contains("\n"), file: file, line: line)
        }
    }

    func testAGoodFolderLoadsWithSortedClassesAndRightCounts() throws {
        try make(["train/zebra/b.png", "train/zebra/a.png", "train/cat/1.jpg", "train/cat/2.png", "train/cat/notes.txt",
                  "train/cat/.hidden.png", "train/Dog/x.png", "train/Dog/more/y.png",
                  "val/cat/v.png", "val/zebra/w.png", "val/zebra/w2.png", "README.md"])
        let data = try ImageFolderDataset(directory: dir + "/")
        XCTAssertEqual(data.classNames, ["Dog", "cat", "zebra"], "sorted by code point, as Python's sorted")
        XCTAssertEqual(data.count(.train), 6)
        XCTAssertEqual(data.count(.val), 3)
        XCTAssertEqual((0..<6).map { data.file(.train, $0).path.replacingOccurrences(of: dir + "/", with: "") },
                       ["train/Dog/x.png", "train/Dog/more/y.png", "train/cat/1.jpg", "train/cat/2.png", "train/zebra/a.png", "train/zebra/b.png"])
        XCTAssertEqual((0..<6).map { data.file(.train, $0).label }, [0, 0, 1, 1, 2, 2])
        XCTAssertEqual((0..<3).map { data.file(.val, $0).label }, [1, 2, 2])
        // PNG is lossless: the picture comes back as written (train/zebra/a.png was file 1).
        let zebra = try data.sample(.train, 4)
        XCTAssertEqual(zebra.label, 2)
        XCTAssertEqual(zebra.image, picture(10))
        let jpeg = try data.sample(.train, 2)
        XCTAssertEqual(jpeg.image.width, 5); XCTAssertEqual(jpeg.label, 1)
    }

    func testMissingValIsRefused() throws {
        try make(["train/a/1.png", "train/b/1.png"])
        refusal("\(dir)/val: no such folder: a data set needs train/<class>/ and val/<class>/ folders of PNG or JPEG images (torchvision's ImageFolder layout)")
    }

    func testMissingTrainIsRefused() throws {
        try make(["val/a/1.png"])
        refusal("\(dir)/train: no such folder: a data set needs train/<class>/ and val/<class>/ folders of PNG or JPEG images (torchvision's ImageFolder layout)")
    }

    func testMissingFolderIsRefused() throws {
        XCTAssertThrowsError(try ImageFolderDataset(directory: dir + "/nowhere")) { error in
            XCTAssertEqual("\(error)", "\(dir)/nowhere: no such folder: give a folder holding train/<class>/ and val/<class>/ (torchvision's ImageFolder layout)")
        }
    }

    func testEmptyClassIsRefused() throws {
        try make(["train/a/1.png", "train/b/readme.txt", "val/a/1.png"])
        refusal("\(dir)/train/b: no PNG or JPEG images in this class folder (files ending .png, .jpg or .jpeg): add some or remove the folder")
        try FileManager.default.removeItem(atPath: dir + "/train/b")
        try make(["train/c/1.png"], folders: ["val/c"])
        refusal("\(dir)/val/c: no PNG or JPEG images in this class folder (files ending .png, .jpg or .jpeg): add some or remove the folder")
    }

    func testOneClassOnlyIsRefused() throws {
        try make(["train/cat/1.png", "train/cat/2.png", "val/cat/1.png"])
        refusal("\(dir)/train: only one class folder (cat): a classifier needs at least two classes")
    }

    func testNoClassFoldersAreRefused() throws {
        try make(["train/1.png", "val/1.png"])
        refusal("\(dir)/train: no class folders: put each class's images in a folder of its own, \(dir)/train/<class>/")
    }

    func testValClassThatTrainLacksIsRefused() throws {
        try make(["train/a/1.png", "train/b/1.png", "val/a/1.png", "val/c/1.png"])
        refusal("\(dir)/val/c: class 'c' has no folder in \(dir)/train: val/ must use train/'s classes")
    }

    func testUnreadableImageIsRefusedWhenRead() throws {
        try make(["train/a/1.png", "train/b/1.png", "val/a/1.png", "val/b/1.png"])
        try Data("not a picture".utf8).write(to: URL(fileURLWithPath: dir + "/train/b/2.png"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]).write(to: URL(fileURLWithPath: dir + "/val/b/0.png"))
        let data = try ImageFolderDataset(directory: dir)
        XCTAssertNoThrow(try data.sample(.train, 1))
        XCTAssertThrowsError(try data.sample(.train, 2)) { error in
            XCTAssertEqual("\(error)", "\(dir)/train/b/2.png: not a PNG or JPEG image (it starts with bytes 6e 6f 74 20): convert it to PNG or JPEG first")
        }
        XCTAssertThrowsError(try data.sample(.val, 1)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(dir)/val/b/0.png: not a readable PNG: "), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    // MARK: - Transforms

    func testEvaluationOfASizedPictureIsOnlyTheNormalisation() throws {
        // 2×2: red, green / blue, white.
        let image = RGBImage(width: 2, height: 2, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        let got = try TrainingTransforms.evaluation(image, size: 2)
        let (mean, std): ([Float], [Float]) = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
        func n(_ c: Int, _ v: Float) -> Float { (v - mean[c]) / std[c] }
        let expected: [Float] = [n(0, 1), n(0, 0), n(0, 0), n(0, 1),     // R plane
                                 n(1, 0), n(1, 1), n(1, 0), n(1, 1),     // G plane
                                 n(2, 0), n(2, 0), n(2, 1), n(2, 1)]     // B plane
        XCTAssertEqual(got.count, 12)
        for (g, e) in zip(got, expected) { XCTAssertEqual(g, e, accuracy: 1e-6) }
    }

    func testEvaluationOfAnyPictureIsTorchvisionsPipelineAt224() throws {
        var pixels: [UInt8] = []
        for y in 0..<200 { for x in 0..<300 { for c in 0..<3 { pixels.append(UInt8((x * 37 + y * 91 + c * 53) % 256)) } } }
        let image = RGBImage(width: 300, height: 200, pixels: pixels)
        let got = try TrainingTransforms.evaluation(image, size: 224)
        let reference = try ImageNetPreprocessing.tensor(from: image)
        XCTAssertEqual(got, reference.values)
        XCTAssertEqual(try TrainingTransforms.evaluation(image, size: 112).count, 3 * 112 * 112)
        XCTAssertEqual(TrainingTransforms.resizeSide(for: 224), 256)
    }

    func testTrainingFlipMirrorsAndIsDeterministicForASeed() throws {
        var pixels: [UInt8] = []
        for y in 0..<4 { for x in 0..<4 { pixels += [UInt8(x * 60), UInt8(y * 60), UInt8(x * 10 + y)] } }
        let image = RGBImage(width: 4, height: 4, pixels: pixels)
        let plain = TrainingTransforms.normalized(image), flipped = TrainingTransforms.normalized(TrainingTransforms.mirrored(image))
        XCTAssertTrue(TrainingTransforms.mirrored(image)[0, 1] == image[3, 1])
        XCTAssertNotEqual(plain, flipped)
        var seen = (plain: 0, flipped: 0)
        for seed in UInt64(0)..<16 {
            var rng = SeededRandom(seed: seed), again = SeededRandom(seed: seed)
            let out = try TrainingTransforms.training(image, size: 4, randomCrop: false, flip: true, rng: &rng)
            XCTAssertEqual(out, try TrainingTransforms.training(image, size: 4, randomCrop: false, flip: true, rng: &again))
            XCTAssertEqual(rng.next(), again.next(), "the generator advanced alike")
            if out == plain { seen.plain += 1 } else if out == flipped { seen.flipped += 1 } else { XCTFail("seed \(seed): neither the picture nor its mirror") }
        }
        XCTAssertGreaterThan(seen.plain, 2); XCTAssertGreaterThan(seen.flipped, 2)
        var rng = SeededRandom(seed: 0)
        XCTAssertEqual(try TrainingTransforms.training(image, size: 4, randomCrop: false, flip: false, rng: &rng), plain)
    }

    func testRandomCropStaysInsideAndKeepsScaleAndRatio() throws {
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200 {
            let box = TrainingTransforms.randomResizedCropBox(width: 224, height: 224, rng: &rng)
            XCTAssertTrue(box.x >= 0 && box.y >= 0 && box.x + box.width <= 224 && box.y + box.height <= 224, "\(box)")
            let area = Double(box.width * box.height) / (224 * 224), ratio = Double(box.width) / Double(box.height)
            XCTAssertTrue(area > 0.49 && area <= 1, "\(box)")
            XCTAssertTrue(ratio > 0.74 && ratio < 1.35, "\(box)")
        }
        let picture = SyntheticShapes(seed: 0, size: 64).sample(.train, 3).image
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1), c = SeededRandom(seed: 2)
        let x = try TrainingTransforms.training(picture, size: 64, randomCrop: true, flip: true, rng: &a)
        XCTAssertEqual(x.count, 3 * 64 * 64)
        XCTAssertEqual(x, try TrainingTransforms.training(picture, size: 64, randomCrop: true, flip: true, rng: &b))
        XCTAssertNotEqual(x, try TrainingTransforms.training(picture, size: 64, randomCrop: true, flip: true, rng: &c))
        // A wide photo is cropped and resized to the asked size too.
        let wide = RGBImage(width: 90, height: 30, fill: (10, 20, 30))
        XCTAssertEqual(try TrainingTransforms.training(wide, size: 24, randomCrop: true, flip: false, rng: &a).count, 3 * 24 * 24)
    }
}
