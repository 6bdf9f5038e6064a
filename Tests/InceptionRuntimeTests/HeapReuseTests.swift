#if os(Linux)
import CKernels
import XCTest
@testable import InceptionRuntime

/// The training commands' malloc settings take effect: after `keepFreedBlocksForReuse`, a 20 MB
/// tensor comes from the heap (glibc's default would map it on its own), and freeing it does not
/// hand it back (the heap stays as large). heap.c once compiled these settings to nothing.
final class HeapReuseTests: XCTestCase {
    private func heapAndMapped() -> (heap: Int, mapped: Int) {
        var (heap, mapped) = (0, 0)
        ck_heap_bytes(&heap, &mapped)
        return (heap, mapped)
    }

    func testActivationSizedBlocksStayInTheHeap() {
        HeapReuse.keepFreedBlocksForReuse()
        let mappedBefore = heapAndMapped().mapped
        var tensor: Tensor? = Tensor(zeros: [5, 1024, 1024])     // 20 MB
        XCTAssertEqual(heapAndMapped().mapped, mappedBefore, "a 20 MB block was mapped on its own instead of taken from the heap")
        let heapWithTensor = heapAndMapped().heap
        tensor = nil
        XCTAssertNil(tensor)
        XCTAssertGreaterThanOrEqual(heapAndMapped().heap, heapWithTensor, "freeing the block trimmed the heap")
    }
}
#endif
