import Foundation
import InceptionModel
import InceptionRuntime
import TestSupport
import XCTest

/// Helpers shared by the summary tests: snapshots next to this file, the seed network, and a
/// seed network with one channel count changed.
enum SummaryTesting {
    static func snapshot(_ name: String) throws -> String {
        try snapshotText(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)"))
    }

    /// Runs of spaces collapsed and trailing spaces dropped: how the seed's page printed the table.
    static func collapsingSpaces(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var out = "", lastSpace = false
            for ch in line {
                if ch == " " { if !lastSpace { out.append(ch) }; lastSpace = true } else { out.append(ch); lastSpace = false }
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }.joined(separator: "\n")
    }

    static func seed() throws -> InceptionV1 { try InceptionV1(.init(initWeights: false)) }

    /// The seed network with inception3a's 3×3 reduction widened from 96 to `reduce` channels;
    /// its output (256 channels) is unchanged, so the rest of the network still fits.
    static func seedWithInception3aReduce(_ reduce: Int) throws -> InceptionV1 {
        let net = try seed()
        let row = InceptionV1.inceptionTable.first { $0.name == "inception3a" }!
        var channels = row.channels
        channels.c3x3Reduce = reduce
        net.register("inception3a", try SeedBlocks.inception(row.inChannels, channels, row.outChannels))
        return net
    }
}
