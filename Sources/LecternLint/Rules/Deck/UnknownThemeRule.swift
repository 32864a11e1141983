import Foundation
import LecternCore
import LecternDeck
import LecternSlides

/// A `theme` Lectern cannot find, or a theme `@import` that fails: `build` falls back to another theme.
struct UnknownThemeRule: LintRule {
  static let description = RuleDescription(
    id: .unknownTheme,
    alsoReports: [.themeImport],
    summary: "The deck asks for a theme that is neither built in nor a CSS file in the deck's folder.",
    rationale: "`build` falls back to the default theme, so the talk looks different from what the author designed.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\ntheme: gaia\n---\n\n# A\n"),
      .fails("---\nmarp: true\n↓theme: gaia-dark\n---\n\n# A\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let deck = target.deck, deck.globalDirectives["theme"] != nil else { return }
    let themes = FolderThemes.shared.themes(in: target.directory)
    for d in ThemeCheck.resolve(deck, themes: themes).diagnostics where Self.description.codes.contains(d.code) {
      findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
    }
  }
}

/// A deck whose `size` its theme does not define: `build` uses the theme's default size.
struct UnknownSizeRule: LintRule {
  static let description = RuleDescription(
    id: .unknownSize,
    summary: "The deck asks for a slide size its theme does not define.",
    rationale: "`build` falls back to the theme's default size, which changes every slide's layout.",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\nsize: 4:3\n---\n\n# A\n"),
      .fails("---\nmarp: true\n↓size: 21:9\n---\n\n# A\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    guard let deck = target.deck, deck.globalDirectives["size"] != nil else { return }
    let themes = FolderThemes.shared.themes(in: target.directory)
    for d in ThemeCheck.resolve(deck, themes: themes).diagnostics where d.code == .unknownSize {
      findings.append(Finding(reporting: d, at: target.range(line: 1, column: 1)))
    }
  }
}

/// The built-in themes plus the theme CSS files beside a deck (what `--theme-set .` would add), read once per folder.
final class FolderThemes: Sendable {
  static let shared = FolderThemes()
  private let byFolder = Locked<[String: ThemeSet]>([:])

  func themes(in folder: URL?) -> ThemeSet {
    guard let folder else { return ThemeSet() }
    if let known = byFolder.withLock({ $0[folder.path] }) { return known }
    let themes = (try? ThemeFiles.load([folder.path]).themes) ?? ThemeSet()
    byFolder.withLock { $0[folder.path] = themes }
    return themes
  }
}
