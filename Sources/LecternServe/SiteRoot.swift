import Foundation

/// The folder `lectern serve` publishes, and the only one: request paths are mapped into it and
/// anything that would leave it (`..`, symlinks pointing out, encoded slashes, hidden files) is refused.
public struct SiteRoot: Sendable {
  public let url: URL
  private let resolvedPath: String

  public init(_ url: URL) {
    self.url = url.standardizedFileURL
    self.resolvedPath = url.standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// The file a URL path names, or `nil` when it is outside the root, hidden, or does not exist.
  public func file(forRequestPath rawPath: String) -> URL? {
    let lowered = rawPath.lowercased()
    // Encoded separators and NULs never name a file here.
    guard !lowered.contains("%2f"), !lowered.contains("%5c"), !lowered.contains("%00"), !rawPath.contains("\\") else {
      return nil
    }
    guard let decoded = rawPath.removingPercentEncoding else { return nil }
    let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
    guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
    var candidate = url
    for part in parts { candidate.appendPathComponent(String(part)) }
    let resolved = candidate.resolvingSymlinksInPath().path
    guard resolved == resolvedPath || resolved.hasPrefix(resolvedPath + "/") else { return nil }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { return nil }
    return isDirectory.boolValue ? nil : URL(fileURLWithPath: resolved)
  }

  /// The URL path of a file inside the root (`/talks/q1.md`).
  public func requestPath(for file: URL) -> String {
    let path = file.standardizedFileURL.path
    let relative = path.hasPrefix(url.path + "/") ? String(path.dropFirst(url.path.count)) : "/" + file.lastPathComponent
    return relative.split(separator: "/").map {
      String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
    }.reduce("") { $0 + "/" + $1 }
  }

  /// Every Markdown file under the root (hidden folders, `.build` and `node_modules` skipped), sorted.
  public func markdownFiles() -> [URL] {
    files().filter { ["md", "markdown"].contains($0.pathExtension.lowercased()) }
  }

  /// Every file under the root, hidden and build folders skipped.
  public func files() -> [URL] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
    else { return [] }
    var found: [URL] = []
    for case let file as URL in enumerator {
      let name = file.lastPathComponent
      if name == "node_modules" || name == ".build" || name == "out" && file.deletingLastPathComponent().path == url.path {
        enumerator.skipDescendants()
        continue
      }
      if (try? file.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
      found.append(file.standardizedFileURL)
    }
    return found.sorted { $0.path < $1.path }
  }
}
