import Foundation
import LecternCore

/// Paths for tests, found through `#filePath` so they work the same in every checkout.
public enum TestPaths {
  /// The repository root.
  public static func repositoryRoot(filePath: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// `../shared` beside the checkout (seeds, corpus, specs), or `nil` when it is absent.
  public static var shared: URL? {
    if let env = ProcessInfo.processInfo.environment["LECTERN_SHARED"] {
      return URL(fileURLWithPath: env)
    }
    let url = repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// A seed document by its number prefix (`000`), or `nil` when `../shared` is absent.
  public static func seed(_ prefix: String) -> URL? {
    guard let folder = shared?.appendingPathComponent("seeds"),
      let name = try? FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: { $0.hasPrefix(prefix) })
    else { return nil }
    return folder.appendingPathComponent(name)
  }

  /// A fixture next to the calling test file.
  public static func fixture(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// A fresh temporary directory.
  public static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension SourceFile {
  /// A source made from a string literal, for tests.
  public static func inline(_ text: String, path: String = "test.md") -> SourceFile {
    SourceFile(path: path, text: text)
  }

  /// Loads a file that must exist.
  public static func at(_ url: URL) throws -> SourceFile {
    try SourceFile.load(path: url.path)
  }
}

/// Text with `↓` markers: the marker positions (1-based line/column of the character after each
/// marker) and the text without them.
public struct MarkedText {
  public let text: String
  public let markers: [SourceLocation]

  public init(_ marked: String) {
    var text = ""
    var markers: [SourceLocation] = []
    var line = 1
    var column = 1
    for scalar in marked.unicodeScalars {
      if scalar == "↓" {
        markers.append(SourceLocation(line: line, column: column))
        continue
      }
      text.unicodeScalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.text = text
    self.markers = markers
  }
}
