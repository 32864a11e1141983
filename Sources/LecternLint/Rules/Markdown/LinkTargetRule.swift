import Foundation
import LecternCore
import LecternMarkdown

/// Links to a `#fragment` no heading has, or to a local file that does not exist (markdownlint MD051, and local
/// files beyond it). In a deck, `#3` (a slide number) is a target too.
struct LinkTargetRule: LintRule {
  static let description = RuleDescription(
    id: .linkTarget,
    summary: "A link points to a heading anchor or a local file that does not exist.",
    rationale: "A dead link in a talk or a report is found by the audience, not the author.",
    severity: .warning,
    markdownlint: ["MD051", "link-fragments"],
    examples: [
      .passes("# Deploy Frequency\n\nSee [below](#deploy-frequency) and [the web](https://example.com).\n"),
      .passes("---\nmarp: true\n---\n\n# A\n\n[next](#2)\n\n---\n\n# B\n"),
      .fails("# Title\n\nSee ↓[there](#no-such-heading).\n"),
      .fails("# Title\n\nRead ↓[the guide](no/such/guide.md#intro).\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    let links = target.inventory.links
    guard !links.isEmpty else { return }
    var anchors = Set<String>()
    var counts: [String: Int] = [:]
    for heading in target.inventory.headings {
      let slug = Self.slug(heading.text)
      let n = counts[slug, default: 0]
      anchors.insert(n == 0 ? slug : "\(slug)-\(n)")
      counts[slug] = n + 1
    }
    if let deck = target.deck { for n in 1...max(deck.slides.count, 1) { anchors.insert("\(n)") } }
    for link in links {
      guard let range = link.range else { continue }
      let destination = link.destination
      if destination.hasPrefix("#") {
        let fragment = String(destination.dropFirst())
        let decoded = fragment.removingPercentEncoding ?? fragment
        if fragment.isEmpty || anchors.contains(decoded.lowercased())
          || target.source.text.containsBytes("id=\"\(decoded)\"") || target.source.text.containsBytes("name=\"\(decoded)\"")
        {
          continue
        }
        findings.append(
          Finding(
            "link to '#\(fragment)' matches no heading; expected one of the heading anchors",
            at: SourceRange(start: range.start, end: range.start)))
      } else if let directory = target.directory, Self.isLocal(destination) {
        let path = String(destination.prefix(while: { $0 != "#" && $0 != "?" }))
        let decoded = path.removingPercentEncoding ?? path
        guard !decoded.isEmpty else { continue }
        let file = PathText.resolve(decoded, against: directory.path)
        if FileManager.default.fileExists(atPath: file) { continue }
        findings.append(
          Finding(
            "link to '\(destination)' points to a file that does not exist (looked for \(file))",
            at: SourceRange(start: range.start, end: range.start)))
      }
    }
  }

  /// GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens.
  static func slug(_ text: String) -> String {
    // Most headings are ASCII: the same rule over bytes, without Unicode property lookups.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      for b in text.utf8 {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 0x20)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
          UInt8(ascii: "_"):
          bytes.append(b)
        case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
        default: break
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    for c in text.lowercased() {
      if c.isLetter || c.isNumber || c == "-" || c == "_" {
        out.append(c)
      } else if c == " " {
        out.append("-")
      }
    }
    return out
  }

  private static func isLocal(_ destination: String) -> Bool {
    guard !destination.isEmpty, !destination.hasPrefix("//") else { return false }
    if let colon = destination.firstIndex(of: ":"),
      destination[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-" })
    {
      return false  // a scheme: https:, mailto:, data: …
    }
    return true
  }
}
