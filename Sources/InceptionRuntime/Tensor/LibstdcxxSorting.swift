/// GCC's libstdc++ std::sort, std::nth_element and std::partial_sort, step for step (introsort
/// with median-of-three pivots and insertion sort below 16 elements; introselect; heap select),
/// for results that depend on how equal elements end up: PyTorch's CPU topk runs these, so the
/// order in which it returns equal keys (torch.multinomial's zero-probability categories) is
/// theirs. `less` is the strict weak ordering the C++ comparator gives.
public enum LibstdcxxSorting {
    /// std::sort(a[first..<last]).
    public static func sort<E>(_ a: inout [E], _ first: Int, _ last: Int, by less: (E, E) -> Bool) {
        guard last - first > 1 else { return }
        introsortLoop(&a, first, last, depthLimit: 2 * log2Floor(last - first), less)
        finalInsertionSort(&a, first, last, less)
    }

    /// std::nth_element(a[first], a[nth], a[last]).
    public static func nthElement<E>(_ a: inout [E], _ first: Int, _ nth: Int, _ last: Int, by less: (E, E) -> Bool) {
        guard first != last, nth != last else { return }
        var (first, last) = (first, last)
        var depthLimit = 2 * log2Floor(last - first)
        while last - first > 3 {
            if depthLimit == 0 {
                heapSelect(&a, first, nth + 1, last, less)
                a.swapAt(first, nth)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(&a, first, last, less)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(&a, first, last, less)
    }

    /// std::partial_sort(a[first], a[middle], a[last]).
    public static func partialSort<E>(_ a: inout [E], _ first: Int, _ middle: Int, _ last: Int, by less: (E, E) -> Bool) {
        heapSelect(&a, first, middle, last, less)
        var end = middle
        while end - first > 1 {                                     // __sort_heap
            end -= 1
            popHeap(&a, first, end, end, less)
        }
    }

    /// std::__lg: the floor of log₂ n (n > 0).
    static func log2Floor(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    static func introsortLoop<E>(_ a: inout [E], _ first: Int, _ last: Int, depthLimit: Int, _ less: (E, E) -> Bool) {
        var (last, depthLimit) = (last, depthLimit)
        while last - first > 16 {
            if depthLimit == 0 {
                partialSort(&a, first, last, last, by: less)
                return
            }
            depthLimit -= 1
            let cut = partitionAroundPivot(&a, first, last, less)
            introsortLoop(&a, cut, last, depthLimit: depthLimit, less)
            last = cut
        }
    }

    static func finalInsertionSort<E>(_ a: inout [E], _ first: Int, _ last: Int, _ less: (E, E) -> Bool) {
        if last - first > 16 {
            insertionSort(&a, first, first + 16, less)
            for i in (first + 16)..<last { unguardedLinearInsert(&a, i, less) }
        } else {
            insertionSort(&a, first, last, less)
        }
    }

    static func insertionSort<E>(_ a: inout [E], _ first: Int, _ last: Int, _ less: (E, E) -> Bool) {
        guard last - first > 1 else { return }
        for i in (first + 1)..<last {
            if less(a[i], a[first]) {
                let value = a[i]
                var j = i
                while j > first { a[j] = a[j - 1]; j -= 1 }
                a[first] = value
            } else {
                unguardedLinearInsert(&a, i, less)
            }
        }
    }

    static func unguardedLinearInsert<E>(_ a: inout [E], _ position: Int, _ less: (E, E) -> Bool) {
        let value = a[position]
        var (hole, next) = (position, position - 1)
        while less(value, a[next]) {
            a[hole] = a[next]
            hole = next
            next -= 1
        }
        a[hole] = value
    }

    /// __unguarded_partition_pivot: the median of the second, middle and last elements moved
    /// to the front, then the rest partitioned around it; the cut.
    static func partitionAroundPivot<E>(_ a: inout [E], _ first: Int, _ last: Int, _ less: (E, E) -> Bool) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(&a, first, first + 1, mid, last - 1, less)
        var (lo, hi) = (first + 1, last)
        while true {
            while less(a[lo], a[first]) { lo += 1 }
            hi -= 1
            while less(a[first], a[hi]) { hi -= 1 }
            if !(lo < hi) { return lo }
            a.swapAt(lo, hi)
            lo += 1
        }
    }

    static func moveMedianToFirst<E>(_ a: inout [E], _ result: Int, _ x: Int, _ y: Int, _ z: Int, _ less: (E, E) -> Bool) {
        if less(a[x], a[y]) {
            if less(a[y], a[z]) { a.swapAt(result, y) } else if less(a[x], a[z]) { a.swapAt(result, z) } else { a.swapAt(result, x) }
        } else if less(a[x], a[z]) {
            a.swapAt(result, x)
        } else if less(a[y], a[z]) {
            a.swapAt(result, z)
        } else {
            a.swapAt(result, y)
        }
    }

    static func heapSelect<E>(_ a: inout [E], _ first: Int, _ middle: Int, _ last: Int, _ less: (E, E) -> Bool) {
        makeHeap(&a, first, middle, less)
        for i in middle..<last where less(a[i], a[first]) { popHeap(&a, first, middle, i, less) }
    }

    static func makeHeap<E>(_ a: inout [E], _ first: Int, _ last: Int, _ less: (E, E) -> Bool) {
        let length = last - first
        guard length >= 2 else { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(&a, first, parent, length, a[first + parent], less)
            if parent == 0 { return }
            parent -= 1
        }
    }

    /// __pop_heap: the heap's top moved to `result`, what was there sifted into the heap.
    static func popHeap<E>(_ a: inout [E], _ first: Int, _ last: Int, _ result: Int, _ less: (E, E) -> Bool) {
        let value = a[result]
        a[result] = a[first]
        adjustHeap(&a, first, 0, last - first, value, less)
    }

    static func adjustHeap<E>(_ a: inout [E], _ first: Int, _ hole: Int, _ length: Int, _ value: E, _ less: (E, E) -> Bool) {
        let top = hole
        var (hole, child) = (hole, hole)
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if less(a[first + child], a[first + child - 1]) { child -= 1 }
            a[first + hole] = a[first + child]
            hole = child
        }
        if length & 1 == 0, child == (length - 2) / 2 {
            child = 2 * (child + 1)
            a[first + hole] = a[first + child - 1]
            hole = child - 1
        }
        // __push_heap
        var parent = (hole - 1) / 2
        while hole > top, less(a[first + parent], value) {
            a[first + hole] = a[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        a[first + hole] = value
    }
}
