import Foundation
import LecternCore

/// KaTeX as Debian installs it (`libjs-katex`, fonts from `fonts-katex`): the script, and the stylesheet with
/// its WOFF2 fonts inlined, so a deck with math typesets it like Marp in the one self-contained file and the
/// PDF. Read at build time only for decks with math; without the package, math keeps Lectern's MathML.
public struct KaTeXAssets: Sendable {
  /// The folder holding `katex.js`, `katex.min.css` and `fonts/`.
  public var directory: String

  public static let debianDirectory = "/usr/share/javascript/katex"
  public static let system = KaTeXAssets(directory: debianDirectory)

  public init(directory: String) { self.directory = directory }

  public enum Outcome: Sendable, Equatable {
    case assets(css: String, js: String)
    case unavailable(String)
  }

  /// Reads the assets (once per directory and process).
  func load() -> Outcome {
    if let known = Self.cache.withLock({ $0[directory] }) { return known }
    let outcome = read()
    Self.cache.withLock { $0[directory] = outcome }
    return outcome
  }

  private static let cache = Locked<[String: Outcome]>([:])

  private func read() -> Outcome {
    let folder = directory as NSString
    guard let js = try? String(contentsOfFile: folder.appendingPathComponent("katex.js"), encoding: .utf8),
      let css = try? String(contentsOfFile: folder.appendingPathComponent("katex.min.css"), encoding: .utf8)
    else {
      return .unavailable(
        "math is drawn with Lectern's MathML: KaTeX is not installed (\(directory)); install the Debian package libjs-katex")
    }
    return .assets(css: inliningFonts(css), js: js + "\n" + Self.pageScript)
  }

  /// Each `@font-face` source list becomes its WOFF2 file as a data URL (the other formats dropped).
  private func inliningFonts(_ css: String) -> String {
    guard let regex = try? NSRegularExpression(pattern: #"src:\s*url\(([^)]+\.woff2)\)[^;}]*"#) else { return css }
    var out = css
    for match in regex.matches(in: css, range: NSRange(css.startIndex..., in: css)).reversed() {
      guard let whole = Range(match.range, in: css), let file = Range(match.range(at: 1), in: css) else { continue }
      let path = (directory as NSString).appendingPathComponent(String(css[file]).trimmingCharacters(in: ["\"", "'"]))
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let replacement = "src:url(data:font/woff2;base64,\(data.base64EncodedString())) format(\"woff2\")"
      out.replaceSubrange(Range(match.range, in: out) ?? whole, with: replacement)
    }
    return out
  }

  /// Runs once when the page loads, before the viewer measures: every `.lectern-tex` element typeset by KaTeX
  /// (its MathML stays when KaTeX cannot parse the TeX).
  static let pageScript = """
    (function () {
      var all = document.querySelectorAll('div.marpit .lectern-tex[data-tex]');
      for (var i = 0; i < all.length; i++) {
        var el = all[i];
        try {
          var html = katex.renderToString(el.getAttribute('data-tex'), {
            displayMode: el.getAttribute('data-display') === 'true', throwOnError: true, strict: 'ignore'
          });
          el.innerHTML = html;
          el.setAttribute('data-lectern-katex', '');
        } catch (e) {
          el.setAttribute('data-lectern-katex-error', String(e && e.message || e));
        }
      }
    })();

    """
}
