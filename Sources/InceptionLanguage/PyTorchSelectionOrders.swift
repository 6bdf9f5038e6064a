import InceptionRuntime

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

    /// libstdc++'s `std::nth_element` of `items` by `less` (`LibstdcxxSorting.nthElement`): the
    /// item it leaves at `nth`.
    static func libstdcxxNthElement<T>(_ items: [T], _ nth: Int, by less: (T, T) -> Bool) -> T {
        var a = items
        LibstdcxxSorting.nthElement(&a, 0, nth, a.count, by: less)
        return a[nth]
    }

    /// libstdc++'s `std::sort` of `items` by `less` (`LibstdcxxSorting.sort`), so equal items end
    /// where its sort leaves them.
    static func libstdcxxSort<T>(_ items: inout [T], by less: (T, T) -> Bool) {
        LibstdcxxSorting.sort(&items, 0, items.count, by: less)
    }
}
