import Foundation

/// The folder `lectern serve` publishes, and the only one: request paths are mapped into it and
/// anything that would leave it (`..`, symlinks pointing out, encoded slashes, hidden files) is refused.
/// A symlink is judged by where it lands: one inside the root that points at a hidden file or into a
/// hidden folder (`visible.txt -> .env`) is refused like the hidden file itself.
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
    // Where the link lands must be as visible as the request path: no hidden component below the root.
    let landed = resolved.dropFirst(resolvedPath.count).split(separator: "/")
    guard !landed.contains(where: { $0.hasPrefix(".") }) else { return nil }
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

  /// The root and every folder under it that `files()` looks into (what the watcher watches).
  public func folders() -> [URL] { walk().folders }

  /// Every file under the root, hidden and build folders skipped.
  public func files() -> [URL] { walk().files }

  private func walk() -> (files: [URL], folders: [URL]) {
    guard
      let enumerator = FileManager.default.enumerator(
        at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
    else { return ([], []) }
    var files: [URL] = []
    var folders: [URL] = [url]
    for case let file as URL in enumerator {
      let name = file.lastPathComponent
      if name == "node_modules" || name == ".build" || name == "out" && file.deletingLastPathComponent().path == url.path {
        enumerator.skipDescendants()
        continue
      }
      if (try? file.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
        folders.append(file.standardizedFileURL)
      } else {
        files.append(file.standardizedFileURL)
      }
    }
    return (files.sorted { $0.path < $1.path }, folders)
  }
}
