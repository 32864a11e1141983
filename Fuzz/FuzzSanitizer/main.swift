// The entry point: libFuzzer's driver, given this target's `fuzzOne`. SwiftPM names a debug executable's entry
// point after its module and links `main` to it, so this file is the program's `main` and starts the driver
// (LLVMFuzzerRunDriver); LLVMFuzzerTestOneInput is exported too, for libFuzzer's own `main` and other tools.
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzOne(data, size) }

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, fuzzOne))
