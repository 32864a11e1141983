import Foundation
import LecternCore

/// Decides what each image URL of a deck becomes in the built page: left alone (remote, data:,
/// anchors), a path relative to the output file, or an inline `data:` URI (`embed`).
///
/// Local files outside the deck's folder are linked but never embedded unless `allowLocalFiles`.
/// Missing files are reported; the reference stays, so the author sees which picture is missing.
public struct AssetResolver: Sendable {
  public let deckDirectory: URL
  /// Where the page will live; `nil` keeps URLs as written (output to stdout).
  public var outputDirectory: URL?
  public var embed: Bool
  public var allowLocalFiles: Bool
  /// `deckDirectory.path`, kept: every lookup joins against it.
  private let deckPath: String

  public init(deckDirectory: URL, outputDirectory: URL?, embed: Bool, allowLocalFiles: Bool) {
    self.deckDirectory = deckDirectory.standardizedFileURL
    self.deckPath = self.deckDirectory.path
    self.outputDirectory = outputDirectory?.standardizedFileURL
    self.embed = embed
    self.allowLocalFiles = allowLocalFiles
  }

  public enum Outcome: Sendable, Hashable {
    case unchanged
    case rewritten(String)
    /// The URL to use, and why it is not what the author may have wanted.
    case problem(String, message: String)
  }

  /// The local file a URL points at, or `nil` for remote/data/anchor URLs.
  public func localFile(for url: String) -> URL? {
    localPath(for: url).map { URL(fileURLWithPath: $0) }
  }

  /// `localFile(for:)` as a normalised absolute path (no `URL` is made: linting thousands of files asks this for
  /// every picture).
  public func localPath(for url: String) -> String? {
    // Foundation's trimming and percent-decoding only when there is something to trim or decode.
    let edges = (url.utf8.first, url.utf8.last)
    let trimmed =
      edges.0.map { $0 < 0x21 || $0 >= 0x80 } == true || edges.1.map { $0 < 0x21 || $0 >= 0x80 } == true
      ? url.trimmingCharacters(in: .whitespaces) : url
    guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("//") else { return nil }
    if let colon = trimmed.firstIndex(of: ":"),
      trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }),
      trimmed.distance(from: trimmed.startIndex, to: colon) > 1
    {
      return nil  // a scheme (http:, data:, mailto:…); one letter would be a Windows drive
    }
    var path = trimmed
    if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
    if path.containsByte(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
    return PathText.resolve(path, against: deckPath)
  }

  public func resolve(_ url: String) -> Outcome {
    guard let path = localPath(for: url) else { return .unchanged }
    let exists = FileManager.default.fileExists(atPath: path)
    // Without an output folder the reference stays as written: no URL is needed to find that out.
    let file = outputDirectory == nil && !embed ? nil : URL(fileURLWithPath: path)
    let linked = file.map { relativeReference(to: $0, original: url) } ?? url
    guard exists else {
      return .problem(linked, message: "image '\(url)' not found (looked for \(path))")
    }
    guard embed, let file else { return linked == url ? .unchanged : .rewritten(linked) }
    // Resolving symbolic links costs a system call per path component: only an embed needs it.
    guard allowLocalFiles || isInsideDeckFolder(file) else {
      return .problem(
        linked,
        message: "image '\(url)' is outside the deck's folder and was not embedded; pass --allow-local-files to embed it")
    }
    guard let data = try? Data(contentsOf: file) else {
      return .problem(linked, message: "image '\(url)' could not be read")
    }
    return .rewritten("data:\(AssetResolver.mimeType(for: file));base64,\(data.base64EncodedString())")
  }

  func isInsideDeckFolder(_ file: URL) -> Bool {
    let base = deckDirectory.resolvingSymlinksInPath().path
    let target = file.resolvingSymlinksInPath().path
    return target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
  }

  /// The file as seen from the output folder (percent-encoded where needed).
  private func relativeReference(to file: URL, original: String) -> String {
    guard let outputDirectory else { return original }
    if outputDirectory.path == deckDirectory.path { return original }
    let from = outputDirectory.pathComponents
    let to = file.pathComponents
    var common = 0
    while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
    let parts = Array(repeating: "..", count: from.count - common) + to[common...]
    let relative = parts.joined(separator: "/")
    return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
  }

  public static func mimeType(for file: URL) -> String {
    switch file.pathExtension.lowercased() {
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "webp": "image/webp"
    case "svg": "image/svg+xml"
    case "avif": "image/avif"
    case "bmp": "image/bmp"
    case "ico": "image/x-icon"
    default: "application/octet-stream"
    }
  }
}
