// The entry point: SwiftPM links a debug executable's `main` to this file. LLVMFuzzerTestOneInput is exported
// for libFuzzer's own `main` and other tools; `runFuzzer` warms up on the seeds and starts libFuzzer's driver.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzOne(data, size) }

runFuzzer(fuzzOne)
