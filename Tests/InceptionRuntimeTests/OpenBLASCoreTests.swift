import InceptionRuntime
import XCTest

/// The choice of OpenBLAS core on CPUs OpenBLAS does or does not recognise.
final class OpenBLASCoreTests: XCTestCase {
    let avx512: Set<String> = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    let avx2: Set<String> = ["sse4_2", "avx", "avx2", "fma"]

    func testPreferredCoreTable() {
        let table: [(reported: String, flags: Set<String>, vendor: String, expected: String?)] = [
            ("Prescott", avx512, "GenuineIntel", "SkylakeX"),     // the trap: a new AVX-512 Xeon
            ("Prescott", avx2, "GenuineIntel", "Haswell"),
            ("Prescott", avx2, "AuthenticAMD", "Zen"),
            ("Prescott", ["sse4_2", "avx"], "GenuineIntel", "Sandybridge"),
            ("Prescott", ["sse4_2"], "GenuineIntel", nil),          // nothing better to ask for
            ("Nehalem", avx2, "GenuineIntel", "Haswell"),
            ("Haswell", avx512, "GenuineIntel", nil),              // recognised: leave it alone
            ("SkylakeX", avx512, "GenuineIntel", nil),
            ("Zen", avx2, "AuthenticAMD", nil),
            ("Prescott", avx512.subtracting(["avx512bw"]), "GenuineIntel", "Haswell"), // partial AVX-512: no SkylakeX
        ]
        for row in table {
            XCTAssertEqual(OpenBLAS.preferredCore(reported: row.reported, cpuFlags: row.flags, vendor: row.vendor),
                           row.expected, "\(row.reported) on \(row.vendor) \(row.flags.sorted())")
        }
    }

    func testCPUInfoParsing() {
        let text = """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum 8592+
        flags\t\t: fpu sse4_2 avx avx2 fma avx512f
        processor\t: 1
        vendor_id\t: GenuineIntel
        """
        let info = CPUInfo.parse(text)
        XCTAssertEqual(info.vendor, "GenuineIntel")
        XCTAssertEqual(info.modelName, "Intel(R) Xeon(R) Platinum 8592+")
        XCTAssertEqual(info.flags, ["fpu", "sse4_2", "avx", "avx2", "fma", "avx512f"])
    }
}
