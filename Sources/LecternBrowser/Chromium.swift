import Foundation
import LecternCore

/// Headless Chromium, found on this machine, printing pages to PDF.
public struct Chromium: Sendable {
  public var executable: String

  public enum Failure: Error, CustomStringConvertible {
    case notFound(searched: [String])
    case notExecutable(String)
    case failed(status: Int32, output: String)
    case timedOut(seconds: Int)

    public var description: String {
      switch self {
      case .notFound(let searched):
        "no Chromium found (looked for \(searched.joined(separator: ", ")) on PATH); install Debian's 'chromium' "
          + "package or pass --browser-path (or set CHROME_PATH)"
      case .notExecutable(let path): "\(path) is not an executable browser; check --browser-path or CHROME_PATH"
      case .failed(let status, let output):
        "Chromium exited with status \(status) while printing: \(output.split(separator: "\n").suffix(3).joined(separator: " "))"
      case .timedOut(let seconds): "Chromium did not finish printing within \(seconds) s"
      }
    }
  }

  static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]

  /// `override` (`--browser-path`), then `CHROME_PATH`, then the usual names on `PATH`.
  public static func locate(override: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> Chromium
  {
    if let explicit = override ?? environment["CHROME_PATH"], !explicit.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: explicit) else { throw Failure.notExecutable(explicit) }
      return Chromium(executable: explicit)
    }
    let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for name in candidates {
      for dir in path {
        let full = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: full) { return Chromium(executable: full) }
      }
    }
    throw Failure.notFound(searched: candidates)
  }

  /// Prints `page` (an HTML file) to `pdf`, atomically. The page is opened with `?print`, so the
  /// viewer lays every slide out as a page. `outline`: bookmarks from the page's headings (Chromium's
  /// tagged-PDF document outline). `info`: document properties appended after printing.
  public func printPDF(
    page: URL, to pdf: URL, outline: Bool = false, info: PDFDocumentInfo = PDFDocumentInfo(), timeoutSeconds: Int = 120
  ) throws {
    let folder = pdf.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temp = folder.appendingPathComponent(".\(pdf.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-chromium-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: profile)
      try? FileManager.default.removeItem(at: temp)
    }
    var components = URLComponents(url: page.standardizedFileURL, resolvingAgainstBaseURL: false)!
    components.query = "print"
    var arguments = [
      "--no-pdf-header-footer", "--virtual-time-budget=5000", "--run-all-compositor-stages-before-draw",
      "--print-to-pdf=\(temp.path)",
    ]
    if outline { arguments.append("--generate-pdf-document-outline") }
    let (status, text) = try runHeadless(
      arguments + [components.url!.absoluteString], profile: profile, timeoutSeconds: timeoutSeconds)
    let size = (try? FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int) ?? 0
    guard status == 0, size > 0 else { throw Failure.failed(status: status, output: text) }
    if !info.isEmpty {
      let printed = try Data(contentsOf: temp)
      try info.appended(to: printed).write(to: temp)
    }
    if rename(temp.path, pdf.path) != 0 {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: pdf.path])
    }
  }
}

extension Chromium {
  /// Runs headless Chromium with the switches every use shares and `arguments`; its exit status and output.
  func runHeadless(_ arguments: [String], profile: URL, timeoutSeconds: Int) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--no-default-browser-check", "--hide-scrollbars", "--allow-file-access-from-files",
        "--user-data-dir=\(profile.path)",
      ] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let collected = OutputCollector(output.fileHandleForReading)
    let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
    while process.isRunning {
      if Date() > deadline {
        process.terminate()
        process.waitUntilExit()
        throw Failure.timedOut(seconds: timeoutSeconds)
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return (process.terminationStatus, collected.finish())
  }
}

/// Drains a pipe on a background thread so a chatty child never blocks on a full pipe.
private final class OutputCollector: Sendable {
  private let data = Locked(Data())
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        data.withLock { $0.append(chunk) }
      }
      done.signal()
    }
  }

  func finish() -> String {
    done.wait()
    return String(decoding: data.snapshot, as: UTF8.self)
  }
}
