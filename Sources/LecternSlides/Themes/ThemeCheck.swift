import LecternCore
import LecternDeck

/// Which theme and size a deck gets, and what is wrong with the ones it asks for (`unknown-theme`,
/// `theme-import`, `unknown-size`): the one check `build` warns with and `lint` re-reports.
public enum ThemeCheck {
  public struct Outcome: Sendable {
    /// The theme used, its `@import`s flattened into its CSS.
    public var theme: Theme
    public var size: SlideSize
    public var diagnostics: [Diagnostic]
  }

  /// Resolves `requested` (a command-line choice) or the deck's `theme` directive against `themes`, then its `size`.
  public static func resolve(_ deck: Deck, requested override: String? = nil, themes: ThemeSet) -> Outcome {
    var diagnostics: [Diagnostic] = []
    func warn(_ message: String, _ range: SourceRange?, _ code: DiagnosticCode) {
      diagnostics.append(Diagnostic(.warning, message, path: deck.path, range: range, code: code))
    }
    let globals = deck.globalDirectives
    let requested = override ?? globals["theme"]
    var theme = themes.theme(named: requested ?? ThemeSet.fallbackName) ?? themes.theme(named: ThemeSet.fallbackName)!
    if let requested, themes.theme(named: requested) == nil {
      warn(
        "theme '\(requested)' is not available; using '\(theme.name)'. Pass --theme FILE.css to use the theme's CSS file",
        directiveRange(deck, "theme"), .unknownTheme)
    }
    let flattened = themes.flattened(theme)
    for problem in flattened.problems { warn(problem, directiveRange(deck, "theme"), .themeImport) }
    theme.css = flattened.css
    let sizeName = globals["size"]
    var size = theme.size(named: sizeName) ?? theme.size(named: nil) ?? .wide
    if let sizeName, theme.size(named: sizeName) == nil {
      let known = (theme.sizes.map(\.name) + ["16:9", "4:3"]).uniqued().joined(separator: ", ")
      warn(
        "size '\(sizeName)' is not defined by theme '\(theme.name)'; expected one of \(known)", directiveRange(deck, "size"),
        .unknownSize)
      size = theme.size(named: nil) ?? .wide
    }
    return Outcome(theme: theme, size: size, diagnostics: diagnostics)
  }

  static func directiveRange(_ deck: Deck, _ name: String) -> SourceRange? {
    deck.directives.last { $0.name == name }?.location.map { SourceRange(start: $0, end: $0) }
  }
}
