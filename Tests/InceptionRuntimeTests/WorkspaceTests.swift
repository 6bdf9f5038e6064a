import XCTest
@testable import InceptionRuntime

/// A workspace's per-thread buffers (GEMM panels, Winograd's padded planes, V and M, partial
/// sums) never share a slot with each other or with the single buffers, for any thread count up
/// to the most `--threads` takes. (With panels at slot 3 + thread, a machine running 14 threads
/// or more gave a thread's GEMM panel the slot of the training Winograd's filters, 16 and 17.)
final class WorkspaceTests: XCTestCase {
    // These tests exercise the Winograd kernels on small shapes, which otherwise run by im2col + GEMM.
    override func setUp() { super.setUp(); WinogradConvolution.smallestChannelProduct = 0 }
    override func tearDown() { WinogradConvolution.smallestChannelProduct = WinogradConvolution.defaultSmallestChannelProduct; super.tearDown() }
    func testIndexedSlotsNeverMeet() {
        var seen: [Int: String] = [:]
        for kind in Workspace.Indexed.allCases {
            for index in 0..<256 {
                let slot = Workspace.slot(kind, index)
                XCTAssertGreaterThanOrEqual(slot, 32, "\(kind) \(index) among the single buffers' slots")
                if let other = seen[slot] { XCTFail("\(kind) \(index) and \(other) share slot \(slot)") }
                seen[slot] = "\(kind) \(index)"
            }
        }
        XCTAssertEqual(seen.count, 256 * Workspace.Indexed.allCases.count)
        // Two threads' buffers of every kind fit in the first 44 slots.
        XCTAssertEqual(Workspace.Indexed.allCases.map { Workspace.slot($0, 1) }.max(), 32 + 2 * Workspace.Indexed.allCases.count - 1)
    }

    func testASlotHandsBackItsBufferUntilItMustGrow() {
        let workspace = Workspace()
        let slot = Workspace.slot(.winogradV, 3)
        let first = workspace.floats(100, slot: slot)
        XCTAssertEqual(workspace.floats(50, slot: slot), first)
        XCTAssertEqual(Int(bitPattern: UnsafeRawPointer(workspace.floats(10, slot: 0))) % 64, 0, "starts on a cache line")
        XCTAssertNotEqual(workspace.floats(10, slot: Workspace.slot(.winogradM, 3)), first)
    }
}
