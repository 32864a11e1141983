import Foundation

/// Expands command-line paths: files as given, directories recursively to their `*.md` files
/// (hidden folders, `.build` and `node_modules` skipped), quoted globs, and `-` for stdin.
public enum InputFiles {
  public static func expand(_ paths: [String]) throws -> [String] {
    var result: [String] = []
    for path in paths {
      if path == "-" {
        result.append(path)
        continue
      }
      if path.contains("*") || path.contains("?") || path.contains("[") {
        let matches = glob(path)
        if matches.isEmpty { throw ExpansionError.noMatch(path) }
        for m in matches { result.append(contentsOf: try expand([m])) }
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ExpansionError.missing(path)
      }
      if isDirectory.boolValue {
        result.append(contentsOf: markdownFiles(in: path))
      } else {
        result.append(path)
      }
    }
    // Each file once, in a stable order.
    var seen = Set<String>()
    return result.filter { seen.insert($0).inserted }
  }

  private static func markdownFiles(in directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") || name == "node_modules" {
        enumerator.skipDescendants()
        continue
      }
      if name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown") {
        // `lint .` reports `deck.md`, as Git and GitHub's annotations name it, not `./deck.md`.
        files.append(directory == "." ? relative : (directory as NSString).appendingPathComponent(relative))
      }
    }
    return files.sorted()
  }

  private static func glob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard Foundation.glob(pattern, 0, nil, &g) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }.sorted()
  }

  public enum ExpansionError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case noMatch(String)

    public var description: String {
      switch self {
      case .missing(let path): "\(path): error: no such file or directory"
      case .noMatch(let pattern): "\(pattern): error: no file matches this pattern"
      }
    }
  }
}
