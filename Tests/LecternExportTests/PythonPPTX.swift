import Foundation

/// A `.pptx` read back by python-pptx (`read_pptx.py` beside this file), as an independent reader would.
struct PythonPPTX: Decodable {
  struct SlideSummary: Decodable {
    var title: String?
    var tables: [[[String]]]
    var notes: String?
    var texts: [String]
    var pictures: Int
  }

  var width: Int
  var height: Int
  var title: String?
  var slides: [SlideSummary]

  /// Whether python3 with python-pptx is installed (`pip install python-pptx`).
  static let isAvailable: Bool = {
    (try? run(["-c", "import pptx"]).status) == 0
  }()

  static func read(_ data: Data, filePath: String = #filePath) throws -> PythonPPTX {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-\(UUID().uuidString).pptx")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let script = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("read_pptx.py")
    let result = try run([script.path, file.path])
    guard result.status == 0 else { throw ReadError(message: String(decoding: result.stderr, as: UTF8.self)) }
    return try JSONDecoder().decode(PythonPPTX.self, from: result.stdout)
  }

  struct ReadError: Error, CustomStringConvertible {
    var message: String
    var description: String { "python-pptx could not read the file: \(message)" }
  }

  private static func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
  }
}
