/// The orders in which PyTorch's CPU kernels pick among tied values, step for step, so the index a
/// program reads back is PyTorch's: `kthvalue` runs ATen's quick-select (SortingUtils.h), `mode`
/// sorts (value, index) pairs by value with libstdc++'s `std::sort` (introsort, then insertion sort)
/// and takes the last of the most frequent run. Both are unstable, so a stable sort picks another
/// of equal values.
enum PyTorchSelectionOrders {
    /// ATen's `quick_select_template` with kthvalue's comparison (NaN above every number): the
    /// position in `values` of the value that lands at 0-based place `k`.
    static func quickSelectPosition(_ values: [Float], k: Int) -> Int {
        var values = values, positions = Array(0..<values.count)
        func greaterOrNaN(_ a: Float, _ b: Float) -> Bool { (a.isNaN && !b.isNaN) || a > b }
        func swapAt(_ i: Int, _ j: Int) { values.swapAt(i, j); positions.swapAt(i, j) }
        var (low, high) = (0, values.count - 1)
        while high > low {
            if high == low + 1 {
                if greaterOrNaN(values[low], values[high]) { swapAt(low, high) }
                break
            }
            // the median of three as pivot, at `low`
            swapAt(low + (high - low) / 2, low + 1)
            if greaterOrNaN(values[low + 1], values[high]) { swapAt(low + 1, high) }
            if greaterOrNaN(values[low], values[high]) { swapAt(low, high) }
            if greaterOrNaN(values[low + 1], values[low]) { swapAt(low + 1, low) }
            var (i, j) = (low + 1, high)
            let pivot = values[low]
            while true {
                repeat { i += 1 } while greaterOrNaN(pivot, values[i])
                repeat { j -= 1 } while greaterOrNaN(values[j], pivot)
                if j < i { break }
                swapAt(i, j)
            }
            swapAt(low, j)
            if j <= k { low = i }
            if j >= k { high = j - 1 }
        }
        return positions[k]
    }

    /// libstdc++'s `std::nth_element` of `items` by `less` (introselect down to runs of 3, then
    /// insertion sort; heap select where the depth limit runs out): the item it leaves at `nth`.
    static func libstdcxxNthElement<T>(_ items: [T], _ nth: Int, by less: (T, T) -> Bool) -> T {
        var a = items
        var (first, last) = (0, a.count)
        var depth = 2 * (Int.bitWidth - 1 - max(a.count, 1).leadingZeroBitCount)
        while last - first > 3 {
            if depth == 0 {
                // __heap_select(first, nth + 1, last), then the heap's top swapped to nth
                let middle = nth + 1
                makeHeap(&a, first, middle, less)
                for i in middle..<last where less(a[i], a[first]) {
                    let item = a[i]
                    a[i] = a[first]
                    adjustHeap(&a, first, 0, middle - first, item, less)
                }
                a.swapAt(first, nth)
                return a[nth]
            }
            depth -= 1
            let cut = partitionAroundPivot(&a, first, last, less)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(&a, first, last, less)
        return a[nth]
    }

    /// libstdc++'s `std::sort` of `items` by `less` (introsort down to runs of 16, then insertion
    /// sort; heapsort where the depth limit runs out), so equal items end where its sort leaves them.
    static func libstdcxxSort<T>(_ items: inout [T], by less: (T, T) -> Bool) {
        let n = items.count
        guard n > 1 else { return }
        introsortLoop(&items, 0, n, depth: 2 * (Int.bitWidth - 1 - n.leadingZeroBitCount), less)
        if n > 16 {
            insertionSort(&items, 0, 16, less)
            for i in 16..<n { linearInsert(&items, i, less) }
        } else {
            insertionSort(&items, 0, n, less)
        }
    }

    private static func introsortLoop<T>(_ a: inout [T], _ first: Int, _ last: Int, depth: Int, _ less: (T, T) -> Bool) {
        var (last, depth) = (last, depth)
        while last - first > 16 {
            if depth == 0 { heapSort(&a, first, last, less); return }
            depth -= 1
            let cut = partitionAroundPivot(&a, first, last, less)
            introsortLoop(&a, cut, last, depth: depth, less)
            last = cut
        }
    }

    /// `__unguarded_partition_pivot`: the median of a[first+1], the middle and a[last-1] moved to
    /// `first`, then Hoare's partition of the rest around it.
    private static func partitionAroundPivot<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) -> Int {
        let (x, y, z) = (first + 1, first + (last - first) / 2, last - 1)
        let median: Int
        if less(a[x], a[y]) {
            median = less(a[y], a[z]) ? y : less(a[x], a[z]) ? z : x
        } else {
            median = less(a[x], a[z]) ? x : less(a[y], a[z]) ? z : y
        }
        a.swapAt(first, median)
        var (f, l) = (first + 1, last)
        while true {
            while less(a[f], a[first]) { f += 1 }
            l -= 1
            while less(a[first], a[l]) { l -= 1 }
            if !(f < l) { return f }
            a.swapAt(f, l)
            f += 1
        }
    }

    private static func insertionSort<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) {
        guard last - first > 1 else { return }
        for i in (first + 1)..<last {
            if less(a[i], a[first]) {
                let item = a[i]
                for j in stride(from: i, to: first, by: -1) { a[j] = a[j - 1] }
                a[first] = item
            } else {
                linearInsert(&a, i, less)
            }
        }
    }

    /// `__unguarded_linear_insert`: a[i] moved down past the items greater than it.
    private static func linearInsert<T>(_ a: inout [T], _ i: Int, _ less: (T, T) -> Bool) {
        let item = a[i]
        var j = i
        while less(item, a[j - 1]) { a[j] = a[j - 1]; j -= 1 }
        a[j] = item
    }

    /// `std::partial_sort(first, last, last)`: make_heap, then sort_heap, as libstdc++'s heap
    /// functions move the items.
    private static func heapSort<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) {
        guard last - first > 1 else { return }
        makeHeap(&a, first, last, less)
        var end = last
        while end - first > 1 {
            end -= 1
            let item = a[end]
            a[end] = a[first]
            adjustHeap(&a, first, 0, end - first, item, less)
        }
    }

    private static func makeHeap<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) {
        let length = last - first
        guard length > 1 else { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(&a, first, parent, length, a[first + parent], less)
            if parent == 0 { break }
            parent -= 1
        }
    }

    private static func adjustHeap<T>(_ a: inout [T], _ first: Int, _ hole: Int, _ length: Int, _ item: T, _ less: (T, T) -> Bool) {
        let top = hole
        var (hole, child) = (hole, hole)
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if less(a[first + child], a[first + child - 1]) { child -= 1 }
            a[first + hole] = a[first + child]
            hole = child
        }
        if length % 2 == 0 && child == (length - 2) / 2 {
            child = 2 * (child + 1)
            a[first + hole] = a[first + child - 1]
            hole = child - 1
        }
        // __push_heap
        var parentIndex = (hole - 1) / 2
        while hole > top && less(a[first + parentIndex], item) {
            a[first + hole] = a[first + parentIndex]
            hole = parentIndex
            parentIndex = (hole - 1) / 2
        }
        a[first + hole] = item
    }
}
