import Foundation
import LecternCore
import LecternLint

/// A document the editor has open: its latest text, version, and what the linter says about it.
struct OpenDocument {
  let uri: String
  var version: Int?
  private(set) var source: SourceFile
  private(set) var diagnostics: [Diagnostic] = []
  /// The configuration used for the last lint, or why it could not be read.
  private(set) var linter = Linter()
  private(set) var configurationProblem: String?

  init(uri: String, version: Int?, text: String) {
    self.uri = uri
    self.version = version
    self.source = SourceFile(path: Self.displayPath(uri), text: text)
  }

  /// The file path findings are reported under (relative images and links resolve beside it).
  var path: String? { DocumentURI.path(of: uri) }

  var positions: PositionMap { PositionMap(source: source) }

  mutating func replaceText(_ text: String, version: Int?) {
    self.version = version ?? self.version
    source = SourceFile(path: source.path, text: text)
  }

  /// Lints the current text with the settings found from the document's folder (`.lectern.yml` and markdownlint
  /// files are read again each time, so editing them takes effect on the next change).
  mutating func lint() {
    var configuration = LintConfiguration()
    configurationProblem = nil
    if let path {
      do {
        configuration = try LintConfiguration.nearest(to: URL(fileURLWithPath: path).deletingLastPathComponent())
      } catch {
        configurationProblem = "\(error)"
      }
    }
    linter = Linter(configuration: configuration)
    diagnostics = linter.lint(source)
  }

  /// The same document with every fix `lectern lint --fix` would apply (nil when nothing changes).
  func fixedText() -> String? {
    let outcome = FixApplier(linter: linter).fix(source)
    return outcome.applied > 0 && outcome.text != source.text ? outcome.text : nil
  }

  /// A document without a file (`untitled:`) is read as standard input is: nothing resolves beside it.
  private static func displayPath(_ uri: String) -> String { DocumentURI.path(of: uri) ?? "<stdin>" }
}
