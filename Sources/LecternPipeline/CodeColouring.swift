import Foundation
import LecternDeck
import LecternExport
import LecternMarkdown

/// Highlighted code for the PowerPoint file: Debian's highlight.js (the library the page uses) run once per
/// deck under Node.js over every fenced block that names a language, its HTML spans read back as tokens.
/// Without Node.js or highlight.js the code stays one colour (the page says so already).
enum CodeColouring {
  static let library = "/usr/share/nodejs/highlight.js/lib/index.js"

  /// Reads JSON `[[language, code], …]` on standard input; writes one line: the highlighted HTML of each
  /// (or `null` for a language highlight.js does not know).
  static let script = """
    const hljs = require(process.argv[1]); let input = '';
    process.stdin.on('data', d => input += d).on('end', () => {
      const out = JSON.parse(input).map(([l, c]) => hljs.getLanguage(l) ? hljs.highlight(l, c, true).value : null);
      process.stdout.write('\\n' + JSON.stringify(out) + '\\n');
    });
    """

  /// Tokens by ``CodeToken/key(language:code:)`` for every fenced block of `deck` that names a language.
  static func tokens(for deck: Deck, node: String? = locateNode()) -> [String: [CodeToken]] {
    var blocks: [[String]] = []
    var seen: Set<String> = []
    for slide in deck.slides {
      for code in codeBlocks(in: slide.blocks) {
        guard let language = code.language, seen.insert(CodeToken.key(language: language, code: code.code)).inserted else {
          continue
        }
        blocks.append([language, code.code])
      }
    }
    guard !blocks.isEmpty, let node, FileManager.default.fileExists(atPath: library),
      let input = try? JSONSerialization.data(withJSONObject: blocks), let output = run(node, input: input),
      let line = output.split(separator: "\n").last,
      let values = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any]
    else { return [:] }
    var tokens: [String: [CodeToken]] = [:]
    for (block, value) in zip(blocks, values) {
      guard let html = value as? String else { continue }
      tokens[CodeToken.key(language: block[0], code: block[1])] = HighlightedHTML.tokens(html)
    }
    return tokens
  }

  /// The slide's own fenced blocks (code nested in lists and quotes is drawn as plain lines in the pptx).
  static func codeBlocks(in blocks: [Block]) -> [CodeBlock] {
    blocks.compactMap { block in
      if case .codeBlock(let code) = block.kind, code.isFenced { code } else { nil }
    }
  }

  static func locateNode() -> String? {
    ["/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  private static func run(_ node: String, input: Data) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: node)
    process.arguments = ["-e", script, library]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    // Written from another thread so a large deck never blocks on a full pipe in both directions.
    Thread.detachNewThread {
      stdin.fileHandleForWriting.write(input)
      try? stdin.fileHandleForWriting.close()
    }
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }
}
