import LecternCore
import LecternMarkdown

/// A Marp slide deck read from a Markdown file, by Marp's rules.
public struct Deck: Sendable {
  public var source: SourceFile
  public var path: String { source.path }
  public var frontMatter: FrontMatter?
  /// Global directives in effect (front matter and comments; the last one written wins).
  public var globalDirectives: ResolvedDirectives
  /// Every directive written anywhere in the deck, known or not, in source order. Keys of comments
  /// that are speaker notes are not here (see `unknownDirectiveKeys`).
  public var directives: [Directive]
  /// Keys Marp does not know, from front matter, directive comments and comments that became notes
  /// because none of their keys is a directive (`<!-- BackgroundColor: white -->`).
  public var unknownDirectiveKeys: [Directive]
  public var slides: [Slide]
  /// Global `<style>` elements.
  public var styles: [StyleElement]
  /// Problems found while reading, in source order.
  public var diagnostics: [Diagnostic]
  /// The Markdown as parsed (front matter excluded).
  public var document: MarkdownDocument
}

/// YAML front matter: `---` on the very first line, YAML, then `---`.
public struct FrontMatter: Sendable, Hashable {
  /// The YAML between the rules.
  public var yaml: String
  /// From the opening rule to the closing one.
  public var range: SourceRange
  /// Keys in the order written; empty when the YAML is invalid or not a mapping.
  public var entries: [YAMLValue.Entry]
  /// The first line after the closing rule.
  public var bodyStartLine: Int

  /// `marp: true` (the switch Marp for VS Code looks for).
  public var enablesMarp: Bool {
    entries.last(where: { $0.key == "marp" })?.value.string?.lowercased() == "true"
  }

  /// The `metrics:` mapping (`db`, `data`, `window`, `as_of`, `service`, `benchmark`), keys with `-` read as
  /// `_`; empty when absent. Paths are as written (relative to the document).
  public var metricsSettings: [String: String] {
    var settings: [String: String] = [:]
    if case .mapping(let list)? = entries.last(where: { $0.key == "metrics" })?.value {
      for e in list { settings[e.key.replacingOccurrences(of: "-", with: "_")] = e.value.words }
    }
    return settings
  }

  /// `html: true`: the deck lets raw HTML through.
  public var allowsHTML: Bool {
    entries.last(where: { $0.key == "html" })?.value.string?.lowercased() == "true"
  }
}
