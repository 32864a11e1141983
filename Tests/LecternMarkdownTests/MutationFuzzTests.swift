import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// A deterministic mutation fuzzer, cheap enough for every CI run: the repository's decks and the
/// XSS corpus, mutated with Markdown and HTML syntax by a seeded generator, go through parse → walk →
/// render (`html: true`) on a small stack, and straight through the sanitizer, whose output must
/// be stable (sanitizing it again changes nothing) and hold only allowed tags and attributes.
@Suite struct MutationFuzzTests {
  /// SplitMix64: the same sequence on every machine.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let tokens: [String] = [
    "<", ">", "&", "&#", "&#x", ";", "\"", "'", "=", "/", "!", "-", "*", "_", "[", "]", "(", ")", "`", "\n", "\n\n",
    " ", "\t", "|", ":", "0", "a", "<a href=", "javascript:", "&#x6a", "&#106", "&Tab;", "&colon;", "<!--", "-->",
    "--!>", "<svg>", "<math>", "<noscript>", "</noscript>", "<template>", "<script>", "</", "<img src=x onerror=alert(1)>",
    "> ", "- ", "1. ", "**", "```\n", "|---|\n", "<![CDATA[", "<?", "<!DOCTYPE", "\u{0}", "é", "<div>\n", "</div>\n",
    "[x](", "![y](", "<style>", "<details open ontoggle=", " onclick=", " style=",
  ]

  static func seeds() -> [String] {
    var seeds = [
      "# Title\n\n*a* **b** `c` [l](https://x.y) <b>bold</b>\n", "<div class=\"x\">\n\n- a\n- b\n\n</div>\n",
      "| a | b |\n|---|---|\n| <i>1</i> | 2 |\n",
    ]
    let root = TestPaths.repositoryRoot()
    let decks = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("decks").path)) ?? []
    for name in decks.sorted() where name.hasSuffix(".md") {
      if let text = try? String(contentsOf: root.appendingPathComponent("decks/\(name)"), encoding: .utf8) {
        seeds.append(String(text.prefix(4_000)))
      }
    }
    let corpus = root.appendingPathComponent("Tests/Browser/fixtures/xss-payloads.txt")
    if let text = try? String(contentsOf: corpus, encoding: .utf8) {
      seeds += text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }
    return seeds
  }

  static func mutate(_ text: String, with other: String, _ rng: inout Generator) -> String {
    var scalars = Array(text.unicodeScalars)
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let at = scalars.isEmpty ? 0 : Int.random(in: 0...scalars.count, using: &rng)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0, 1: scalars.insert(contentsOf: tokens.randomElement(using: &rng)!.unicodeScalars, at: at)
      case 2 where at < scalars.count:
        scalars.removeSubrange(at..<min(scalars.count, at + Int.random(in: 1...8, using: &rng)))
      case 3 where at < scalars.count:
        let piece = scalars[at..<min(scalars.count, at + Int.random(in: 1...40, using: &rng))]
        scalars.insert(contentsOf: Array(piece), at: at)
      default:
        let theirs = Array(other.unicodeScalars)
        let from = theirs.isEmpty ? 0 : Int.random(in: 0..<theirs.count, using: &rng)
        scalars.insert(contentsOf: theirs[from..<min(theirs.count, from + 60)], at: at)
      }
    }
    return String(String.UnicodeScalarView(scalars))
  }

  /// What is wrong with sanitized output, if anything.
  static func problems(in sanitized: String, allowlist: HTMLAllowlist) -> [String] {
    var found: [String] = []
    for token in HTMLTokenizer.tokens(sanitized) {
      switch token.kind {
      case .startTag(let name, let attributes, _):
        if allowlist.elements[name] == nil { found.append("element \(name)") }
        for a in attributes where !allowlist.allows(a.name, value: a.value, on: name) { found.append("attribute \(a.name)") }
      case .endTag(let name):
        if allowlist.elements[name] == nil { found.append("end tag \(name)") }
      case .comment, .unfinished:
        found.append("\(token.kind) \(token.source)")
      case .text:
        break
      }
    }
    return found
  }

  @Test func mutatedCorpusNeverCrashesAndNeverLeaksMarkup() {
    let seeds = Self.seeds()
    #expect(seeds.count > 80)
    let sanitizer = HTMLSanitizer()
    // The checker sees what it must: unsanitized markup is a problem.
    #expect(
      Self.problems(in: "<img src=x onerror=alert(1)><a href=\"&#106avascript:x\">", allowlist: sanitizer.allowlist).count == 2)
    let failures = Locked<[String]>([])
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      var rng = Generator(state: 2026)
      for iteration in 0..<10_000 {
        let input = Self.mutate(seeds.randomElement(using: &rng)!, with: seeds.randomElement(using: &rng)!, &rng)
        let document = MarkdownDocument(parsing: SourceFile(path: "fuzz.md", text: input))
        _ = HTMLRenderer(rawHTML: .allow).render(document.blocks)
        let once = sanitizer.sanitize(input)
        let twice = sanitizer.sanitize(once)
        var found = Self.problems(in: once, allowlist: sanitizer.allowlist)
        if once != twice { found.append("not stable: \(once.debugDescription) → \(twice.debugDescription)") }
        if !found.isEmpty { failures.withLock { $0.append("#\(iteration) \(input.debugDescription): \(found)") } }
      }
      done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    done.wait()
    #expect(failures.snapshot.isEmpty, "\(failures.snapshot.prefix(5))")
  }
}
