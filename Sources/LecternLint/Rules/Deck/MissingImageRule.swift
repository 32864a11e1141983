import Foundation
import LecternCore
import LecternMarkdown

/// Local images and backgrounds whose file does not exist.
struct MissingImageRule: LintRule {
  static let description = RuleDescription(
    id: "missing-image",
    summary: "A local image or background points to a file that does not exist.",
    rationale: "A missing file is an empty rectangle on the projector; the path is relative to the deck's folder.",
    severity: .warning,
    examples: [
      .passes("![logo](https://example.com/logo.png)\n![bg](data:image/png;base64,AAAA)\n"),
      .fails("Text\n\n↓![bg left](no/such/picture.png)\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let directory = target.directory ?? URL(string: "file://" + FileManager.default.currentDirectoryPath) else { return }
    var images: [(String, SourceRange?)]
    if let deck = target.deck {
      images = deck.slides.flatMap { s in s.backgrounds.map { ($0.url, $0.range) } + s.images.map { ($0.url, $0.range) } }
      images.sort { ($0.1?.start ?? SourceLocation(line: 0, column: 0)) < ($1.1?.start ?? SourceLocation(line: 0, column: 0)) }
    } else {
      var collector = ImageWalker()
      collector.walk(target.blocks)
      images = collector.images
    }
    for (url, range) in images {
      guard let range, let path = Self.localPath(url) else { continue }
      let file = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
      if !ExistingFiles.shared.exists(file.path) {
        findings.append(Finding(Self.message(url), at: range))
      }
    }
  }

  /// The file path of a local URL; `nil` for remote, data and fragment URLs.
  static func localPath(_ url: String) -> String? {
    let lowered = url.lowercased()
    if url.isEmpty || url.hasPrefix("#") || lowered.hasPrefix("data:") || lowered.hasPrefix("//") { return nil }
    if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }),
      url.distance(from: url.startIndex, to: colon) > 1
    {
      guard lowered.hasPrefix("file:") else { return nil }
      return URL(string: url)?.path
    }
    let withoutQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    let withoutFragment = withoutQuery.split(separator: "#", maxSplits: 1).first.map(String.init) ?? withoutQuery
    guard withoutFragment.utf8.contains(UInt8(ascii: "%")) else { return withoutFragment }
    return withoutFragment.removingPercentEncoding ?? withoutFragment
  }
}

extension MissingImageRule {
  fileprivate static func message(_ url: String) -> String {
    "image '\(url)' does not exist; expected a file relative to the file's folder"
  }
}

private struct ImageWalker: MarkdownWalker {
  var images: [(String, SourceRange?)] = []
  mutating func visit(_ inline: Inline) -> Bool {
    if case .image(let source, _, _) = inline.kind { images.append((source, inline.range)) }
    return true
  }
}

/// File existence, asked once per path per run: decks share images, and linting is parallel.
final class ExistingFiles: @unchecked Sendable {
  static let shared = ExistingFiles()
  private var known: [String: Bool] = [:]
  private let lock = NSLock()

  func exists(_ path: String) -> Bool {
    lock.lock()
    if let cached = known[path] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let result = FileManager.default.fileExists(atPath: path)
    lock.lock()
    known[path] = result
    lock.unlock()
    return result
  }
}
