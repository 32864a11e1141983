import Foundation
import LecternCore
import LecternMarkdown

/// Syntax highlighting for fenced code: highlight.js as Debian installs it (`node-highlight.js`: the
/// core and one file per language), read at build time and embedded in the page with only the
/// languages the deck's fences name. The page highlights every block once when it loads, so the
/// self-contained file and its PDF both carry the colours; the colours themselves come from the theme.
public struct CodeHighlighter: Sendable {
  /// The folder holding `highlight.js` and `languages/`.
  public var directory: String
  /// Language definitions Lectern carries because Debian's highlight.js (9.18) has none (file name → JavaScript).
  static let extraLanguages: [String: String] = ["hcl": HCLGrammar.javaScript]

  /// Debian's `node-highlight.js` package.
  public static let debianDirectory = "/usr/share/nodejs/highlight.js/lib"

  public static let system = CodeHighlighter(directory: debianDirectory)

  public init(directory: String) {
    self.directory = directory
  }

  /// The script for a page whose fences name `languages`, or the reason there is none.
  public enum Outcome: Sendable, Equatable {
    /// No fence names a language: nothing to embed.
    case notNeeded
    case script(String, languages: [String])
    /// highlight.js is not installed: code stays uncoloured.
    case unavailable(String)
  }

  /// `fences`: the first word of each fence's info string, as written.
  func script(for fences: Set<String>) -> Outcome {
    let files = Self.languageFiles(for: fences, directory: directory, extra: Self.extraLanguages)
    guard !files.isEmpty else { return .notNeeded }
    let corePath = (directory as NSString).appendingPathComponent("highlight.js")
    guard let core = Self.utf8Text(atPath: corePath) else {
      return .unavailable(
        "code is not highlighted: highlight.js is not installed (\(corePath)); install the Debian package node-highlight.js")
    }
    var js = "(function () {\nvar module = { exports: {} }, exports = module.exports;\n" + core
    js += "\nvar hljs = module.exports;\n"
    var registered: [String] = []
    for file in files {
      let source: String?
      if let extra = Self.extraLanguages[file] {
        source = extra
      } else {
        source = Self.utf8Text(atPath: languagePath(file))
      }
      guard let source else { continue }
      js += "hljs.registerLanguage('\(file)', (function () { var module = { exports: {} };\n\(source)\n"
      js += ";return module.exports; })());\n"
      registered.append(file)
    }
    js += Self.pageScript + "})();\n"
    return .script(js.escapingEndTags("script"), languages: registered)
  }

  /// A file's text when it is valid UTF-8 (straight from its bytes: Foundation's decoding of the 120 KB core
  /// cost more than rendering a hundred slides).
  private static func utf8Text(atPath path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(validating: data, as: UTF8.self)
  }

  private func languagePath(_ file: String) -> String {
    (directory as NSString).appendingPathComponent("languages/\(file).js")
  }

  /// Highlight.js files for the fence names, with the languages they embed (HTML's CSS and script,
  /// a Dockerfile's shell), in a stable order.
  static func languageFiles(for fences: Set<String>, directory: String, extra: [String: String]) -> [String] {
    var files: Set<String> = []
    for fence in fences {
      let name = fence.lowercased()
      let file: String
      if let known = aliases[name] {
        file = known
      } else if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
        extra[name] != nil
          || FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("languages/\(name).js"))
      {
        file = name
      } else {
        continue
      }
      files.insert(file)
      files.formUnion(embedded[file] ?? [])
    }
    return files.sorted()
  }

  /// Fence names → highlight.js file (the file registers the name's other aliases itself).
  static let aliases: [String: String] = {
    var table: [String: String] = [:]
    let groups: [(String, [String])] = [
      ("bash", ["bash", "sh", "shell", "zsh", "ksh"]), ("shell", ["console", "shell-session", "sh-session"]),
      ("cpp", ["c", "h", "cc", "cpp", "c++", "hpp", "hh", "cxx", "hxx"]), ("cs", ["cs", "csharp", "c#"]),
      ("css", ["css"]), ("diff", ["diff", "patch"]), ("dockerfile", ["dockerfile", "docker"]),
      ("go", ["go", "golang"]), ("xml", ["html", "xml", "xhtml", "svg", "htm"]), ("java", ["java"]),
      ("javascript", ["javascript", "js", "jsx", "mjs", "cjs"]), ("json", ["json", "jsonc"]),
      ("kotlin", ["kotlin", "kt", "kts"]), ("markdown", ["markdown", "md"]), ("python", ["python", "py", "python3"]),
      ("ruby", ["ruby", "rb"]), ("rust", ["rust", "rs"]), ("sql", ["sql"]), ("swift", ["swift"]),
      ("typescript", ["typescript", "ts", "tsx"]), ("yaml", ["yaml", "yml"]),
      ("hcl", ["hcl", "terraform", "tf", "tfvars"]),
    ]
    for (file, names) in groups { for name in names { table[name] = file } }
    return table
  }()

  /// Languages a file hands parts of its text to.
  static let embedded: [String: [String]] = [
    "xml": ["css", "javascript"], "markdown": ["xml"], "dockerfile": ["bash"], "shell": ["bash"],
  ]

  /// Runs once when the page loads: every `<pre><code class="language-…">` whose language is embedded.
  static let pageScript = """
    hljs.configure({ classPrefix: 'hljs-', hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true });
    var blocks = document.querySelectorAll('div.marpit pre > code[class*="language-"]');
    for (var i = 0; i < blocks.length; i++) {
      var m = /(?:^|\\s)language-([^\\s]+)/.exec(blocks[i].className);
      if (m && hljs.getLanguage(m[1])) {
        try { hljs.highlightBlock(blocks[i]); } catch (e) { /* left plain */ }
      }
    }
    document.documentElement.setAttribute('data-lectern-highlighted', String(blocks.length));

    """
}

extension Array where Element == Block {
  /// The first word of every fenced code block's info string, in these blocks and the blocks inside them.
  func fenceLanguages() -> Set<String> {
    var out: Set<String> = []
    func visit(_ blocks: [Block]) {
      for block in blocks {
        switch block.kind {
        case .codeBlock(let code):
          let word = code.info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first
          if let word, !word.isEmpty { out.insert(String(word)) }
        case .blockQuote(let inner), .footnoteDefinition(_, let inner): visit(inner)
        case .list(let list): for item in list.items { visit(item.blocks) }
        default: break
        }
      }
    }
    visit(self)
    return out
  }
}
