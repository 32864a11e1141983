import Foundation
import LecternCore
import LecternDeck
import LecternSlides

/// A deck built in memory the way `lectern build` builds it, ready to be measured.
public struct LayoutInput: Sendable {
  public var path: String
  public var html: String
  /// The deck's folder: relative image URLs resolve against it.
  public var baseURL: URL
  public var width: Int
  public var height: Int
  public var theme: String

  public init(path: String, html: String, baseURL: URL, width: Int, height: Int, theme: String) {
    self.path = path
    self.html = html
    self.baseURL = baseURL
    self.width = width
    self.height = height
    self.theme = theme
  }

  /// A built deck, to be measured as it is.
  public init(path: String, built: BuiltDeck, deckDirectory: URL) {
    self.init(
      path: path, html: built.html, baseURL: deckDirectory, width: built.size.width, height: built.size.height,
      theme: built.themeName)
  }

  /// Builds `deck` with the built-in themes (plus `themes`), images resolved from the deck's folder and live
  /// numbers left as "no data", as `lectern build` does without a store.
  public init(deck: Deck, themes: ThemeSet = ThemeSet(), theme: String? = nil) {
    let folder =
      deck.path == "-"
      ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      : URL(fileURLWithPath: deck.path).deletingLastPathComponent()
    let options = DeckBuildOptions(
      theme: theme, themes: themes,
      assets: AssetResolver(deckDirectory: folder, outputDirectory: folder, embed: false, allowLocalFiles: true))
    self.init(path: deck.path, built: DeckHTMLRenderer.render(deck, options: options), deckDirectory: folder)
  }
}
