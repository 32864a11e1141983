/// File paths as text: joining and normalising without Foundation's URL machinery, which costs several
/// allocations and a parse per call on the lint hot path (images and links of thousands of files).
public enum PathText {
  /// `path` with `.` and empty components dropped and `..` applied, as `URL.standardizedFileURL.path` gives
  /// for an absolute path (`..` above the root stays at the root). Symbolic links are not resolved.
  public static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      if component == "." { continue }
      if component == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(component)
    }
    return "/" + parts.joined(separator: "/")
  }

  /// `relative` against the absolute folder `base` (an absolute `relative` stands alone), normalised.
  public static func resolve(_ relative: String, against base: String) -> String {
    normalized(relative.hasPrefix("/") ? relative : base + "/" + relative)
  }

  /// The folder holding the normalised absolute `path` (`/` for `/` itself).
  public static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
  }
}
