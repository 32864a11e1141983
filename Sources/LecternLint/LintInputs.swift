import Foundation
import LecternCore

/// The files `lectern lint` reads: paths expanded as every command expands them, and, inside folders it walks,
/// without the files Git ignores (`.gitignore`, asked of `git check-ignore`) and those the configuration's
/// `exclude:` globs name. A file named on the command line is always read.
public enum LintInputs {
  public static func expand(_ paths: [String], configuration explicit: LintConfiguration?) throws -> [String] {
    var result: [String] = []
    for path in paths {
      let files = try InputFiles.expand([path])
      var isDirectory: ObjCBool = false
      if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        let ignored = gitIgnored(files, in: path)
        var configurations = ConfigurationCache()
        for file in files where !ignored.contains(file) {
          if try !isExcluded(file, explicit: explicit, cache: &configurations) { result.append(file) }
        }
      } else {
        result += files
      }
    }
    var seen = Set<String>()
    return result.filter { seen.insert($0).inserted }
  }

  /// Whether an `exclude:` glob of the configuration that applies to `file` matches it.
  /// Configuration files found and read while walking, each once: the nearest one per folder (finding it stats
  /// every parent folder) and each file's contents.
  struct ConfigurationCache {
    var nearest: [String: String?] = [:]
    var loaded: [String: LintConfiguration] = [:]
  }

  static func isExcluded(_ file: String, explicit: LintConfiguration?, cache: inout ConfigurationCache) throws
    -> Bool
  {
    let absolute = PathText.resolve(file, against: FileManager.default.currentDirectoryPath)
    let configuration: LintConfiguration
    if let explicit {
      configuration = explicit
    } else if let found = nearest(PathText.parent(absolute), cache: &cache) {
      if let cached = cache.loaded[found] {
        configuration = cached
      } else {
        configuration = try LintConfiguration.load(path: found)
        cache.loaded[found] = configuration
      }
    } else {
      return false
    }
    guard !configuration.exclude.isEmpty else { return false }
    let base =
      configuration.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path }
      ?? FileManager.default.currentDirectoryPath
    guard absolute.hasPrefix(base + "/") else { return false }
    let relative = String(absolute.dropFirst(base.count + 1))
    return configuration.exclude.contains { Glob.matches($0, relative) }
  }

  private static func nearest(_ folder: String, cache: inout ConfigurationCache) -> String? {
    if let known = cache.nearest[folder] { return known }
    let found = LintConfiguration.find(from: URL(fileURLWithPath: folder))
    cache.nearest[folder] = .some(found)
    return found
  }

  /// The files Git ignores, asked of `git check-ignore` (nothing when Git or a repository is absent). Paths go as
  /// arguments, in chunks, so an early exit (not a repository) cannot break a pipe.
  static func gitIgnored(_ files: [String], in directory: String) -> Set<String> {
    guard !files.isEmpty, let git = ["/usr/bin/git", "/usr/local/bin/git"].first(where: FileManager.default.isExecutableFile)
    else { return [] }
    // Absolute paths, so the repository is the folder's even when the working directory is elsewhere.
    let here = FileManager.default.currentDirectoryPath
    let absolute = files.map { PathText.resolve($0, against: here) }
    let original = Dictionary(zip(absolute, files)) { a, _ in a }
    var ignored = Set<String>()
    var start = 0
    while start < absolute.count {
      let chunk = Array(absolute[start..<min(start + 500, absolute.count)])
      start += chunk.count
      let process = Process()
      process.executableURL = URL(fileURLWithPath: git)
      process.arguments = ["-c", "core.quotePath=false", "check-ignore", "--"] + chunk
      process.currentDirectoryURL = URL(fileURLWithPath: directory)
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      do { try process.run() } catch { return [] }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      // Status 1: nothing ignored; 128: not a repository (then no chunk will say more).
      if process.terminationStatus == 128 { return [] }
      guard process.terminationStatus == 0 else { continue }
      for path in data.split(separator: 0x0A) { if let f = original[String(decoding: path, as: UTF8.self)] { ignored.insert(f) } }
    }
    return ignored
  }
}

/// Path globs: `*` and `?` within one folder name, `**` across folders, and `**/` for zero or more folders.
enum Glob {
  static func matches(_ pattern: String, _ path: String) -> Bool {
    var regex = "^"
    var chars = Array(pattern)
    if chars.first == "/" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
        if i + 2 < chars.count, chars[i + 2] == "/" {
          regex += "(?:.*/)?"
          i += 3
        } else {
          regex += ".*"
          i += 2
        }
        continue
      }
      switch c {
      case "*": regex += "[^/]*"
      case "?": regex += "[^/]"
      default: regex += NSRegularExpression.escapedPattern(for: String(c))
      }
      i += 1
    }
    // A folder pattern (`drafts/`) or a folder name excludes everything inside.
    regex += pattern.hasSuffix("/") ? ".*$" : "(?:/.*)?$"
    return path.range(of: regex, options: .regularExpression) != nil
  }
}
