// The driver every fuzz target starts: it warms the target up on its seed corpus, then hands control to
// libFuzzer (LLVMFuzzerRunDriver).
//
// Warming up runs each seed file once before fuzzing starts, so that what a process builds once and keeps
// (a lazily made static: a compiled pattern, a parsed template, a registered cmark extension) exists before
// libFuzzer starts counting allocations. Without it, the first input that happens to reach such a static is
// reported as a leak although nothing grows; a real leak still shows, because it recurs on later inputs.
import Foundation

public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: FuzzCallback
) -> Int32

/// Warms up on the seed folders among the arguments (at most 64 KiB of each file), then runs libFuzzer.
public func runFuzzer(_ fuzzOne: FuzzCallback) -> Never {
  var warmed = 0
  for argument in CommandLine.arguments.dropFirst() where !argument.hasPrefix("-") {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
      continue
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted()
    for name in names where warmed < 500 {
      guard let data = FileManager.default.contents(atPath: argument + "/" + name) else { continue }
      let bytes = [UInt8](data.prefix(65536))
      _ = bytes.withUnsafeBufferPointer { fuzzOne($0.baseAddress, $0.count) }
      warmed += 1
    }
  }
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  exit(runDriver(&argc, &argv, fuzzOne))
}
