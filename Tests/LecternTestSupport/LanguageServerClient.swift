import Foundation
import LecternCore

/// A scripted Language Server Protocol client for tests: starts the built `lectern lsp`, sends framed JSON-RPC
/// on its standard input and reads framed messages from its standard output on a thread of its own.
/// `stop()` (and deinit) end the process, so no test leaves a server behind.
public final class LanguageServerClient: @unchecked Sendable {
  public let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let errors = Pipe()
  private let inbox = Locked<[Data]>([])
  private let arrived = DispatchSemaphore(value: 0)
  private let stderrText = Locked<String>("")
  private var nextID = 1
  /// Seconds to wait for an answer before a test fails instead of hanging.
  public var timeout: TimeInterval = 60

  public struct Timeout: Error, CustomStringConvertible {
    public var waitingFor: String
    public var description: String { "no \(waitingFor) from lectern lsp in time" }
  }

  public init(arguments: [String] = ["lsp"], in directory: URL? = nil) throws {
    guard let url = LecternBinary.url else { throw CocoaError(.fileNoSuchFile) }
    process.executableURL = url
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading
    let (inbox, arrived) = (inbox, arrived)
    Thread.detachNewThread {
      var buffer = Data()
      while true {
        let chunk = stdout.availableData
        if chunk.isEmpty { break }
        buffer.append(chunk)
        while let message = Self.takeMessage(from: &buffer) {
          inbox.withLock { $0.append(message) }
          arrived.signal()
        }
      }
      arrived.signal()
    }
    let stderr = errors.fileHandleForReading
    let text = stderrText
    Thread.detachNewThread {
      let data = stderr.readDataToEndOfFile()
      text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }
  }

  /// What the server wrote to standard error so far.
  public var standardError: String { stderrText.snapshot }

  /// Cuts one `Content-Length` framed message off the front of `buffer`.
  static func takeMessage(from buffer: inout Data) -> Data? {
    guard let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
    let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
    guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
      let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
    else { return nil }
    let bodyStart = headerEnd.upperBound
    guard buffer.count - (bodyStart - buffer.startIndex) >= length else { return nil }
    let body = Data(buffer[bodyStart..<(bodyStart + length)])
    buffer = Data(buffer[(bodyStart + length)...])
    return body
  }

  /// Writes raw bytes to the server (for malformed-input tests).
  public func writeRaw(_ data: Data) { input.fileHandleForWriting.write(data) }

  private func send(_ message: [String: Any]) throws {
    let body = try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])
    writeRaw(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
  }

  public func notify(_ method: String, _ params: [String: Any] = [:]) throws {
    try send(["jsonrpc": "2.0", "method": method, "params": params])
  }

  /// Sends a request and waits for its response (the whole message: `result` or `error`).
  @discardableResult
  public func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
    let id = nextID
    nextID += 1
    try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
    return try waitFor("response to \(method)") { ($0["id"] as? Int) == id && $0["method"] == nil }
  }

  /// Waits for a notification from the server, skipping others (they stay queued).
  public func notification(_ method: String, where matches: ([String: Any]) -> Bool = { _ in true }) throws
    -> [String: Any]
  {
    try waitFor(method) { $0["method"] as? String == method && matches(($0["params"] as? [String: Any]) ?? [:]) }
  }

  /// The `params` of the next `textDocument/publishDiagnostics` for `uri`.
  public func diagnostics(for uri: String, version: Int? = nil) throws -> [[String: Any]] {
    let message = try notification("textDocument/publishDiagnostics") {
      $0["uri"] as? String == uri && (version == nil || $0["version"] as? Int == version)
    }
    return ((message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]) ?? []
  }

  private func waitFor(_ what: String, _ matches: ([String: Any]) -> Bool) throws -> [String: Any] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let queued = inbox.snapshot
      for (index, data) in queued.enumerated() {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], matches(object) else { continue }
        inbox.withLock { $0.remove(at: index) }
        return object
      }
      if !process.isRunning && inbox.snapshot.count == queued.count { throw Timeout(waitingFor: what + " (server exited)") }
      if arrived.wait(timeout: .now() + max(deadline.timeIntervalSinceNow, 0)) == .timedOut { throw Timeout(waitingFor: what) }
    }
  }

  /// Closes the server's input and waits for it to exit (at most `timeout`); `nil` if it did not.
  public func waitForExit(closingInput: Bool = true) -> Int32? {
    if closingInput { try? input.fileHandleForWriting.close() }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { return nil }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Ends the process however it is doing, and reaps it.
  public func stop() {
    let pid = process.processIdentifier
    guard pid > 0, process.isRunning else { return }
    kill(pid, SIGTERM)
    for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { kill(pid, SIGKILL) }
    process.waitUntilExit()
  }

  deinit { stop() }
}

/// Applies protocol text edits (0-based lines, UTF-16 characters, exclusive ends) to a text, as an editor does.
public enum LSPEdits {
  public static func apply(_ edits: [[String: Any]], to text: String) -> String {
    var units = Array(text.utf16)
    let lineStarts = starts(of: units)
    func offset(_ position: [String: Any]) -> Int {
      let line = position["line"] as? Int ?? 0
      let character = position["character"] as? Int ?? 0
      guard line < lineStarts.count else { return units.count }
      let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] : units.count
      return min(lineStarts[line] + character, lineEnd)
    }
    let resolved = edits.map { edit -> (Int, Int, String) in
      let range = edit["range"] as? [String: Any] ?? [:]
      return (
        offset(range["start"] as? [String: Any] ?? [:]), offset(range["end"] as? [String: Any] ?? [:]),
        edit["newText"] as? String ?? ""
      )
    }
    for (start, end, newText) in resolved.sorted(by: { $0.0 > $1.0 }) {
      units.replaceSubrange(start..<end, with: Array(newText.utf16))
    }
    return String(decoding: units, as: UTF16.self)
  }

  private static func starts(of units: [UInt16]) -> [Int] {
    var starts = [0]
    var i = 0
    while i < units.count {
      if units[i] == 0x0A || units[i] == 0x0D {
        if units[i] == 0x0D, i + 1 < units.count, units[i + 1] == 0x0A { i += 1 }
        starts.append(i + 1)
      }
      i += 1
    }
    return starts
  }
}
