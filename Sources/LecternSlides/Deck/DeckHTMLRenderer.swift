import Foundation
import LecternCore
import LecternDORA
import LecternDeck
import LecternLive
import LecternMarkdown
import LecternTemplates

/// How a deck is built into a page.
public struct DeckBuildOptions: Sendable {
  /// A theme name or the name a `--theme FILE.css` declared; `nil` uses the deck's `theme` directive.
  public var theme: String?
  public var themes: ThemeSet
  /// `--html`: let raw HTML through even when the deck does not say `html: true`.
  public var allowHTML: Bool
  public var assets: AssetResolver?
  /// A progress bar at the bottom of the audience view.
  public var progressBar: Bool
  /// A page of speaker notes after each slide when printing (`--pdf-notes`).
  public var notesPages: Bool
  public var templates: TemplateLibrary
  /// Live DORA numbers for placeholders and benchmark tables (`nil`: "no data").
  public var metrics: LiveMetrics?
  /// Highlight each metric's current tier in DORA benchmark tables and add a "Now" column.
  public var annotate: Bool = true

  public init(
    theme: String? = nil, themes: ThemeSet = ThemeSet(), allowHTML: Bool = false, assets: AssetResolver? = nil,
    progressBar: Bool = false, notesPages: Bool = false, templates: TemplateLibrary = .shared
  ) {
    self.templates = templates
    self.theme = theme
    self.themes = themes
    self.allowHTML = allowHTML
    self.assets = assets
    self.progressBar = progressBar
    self.notesPages = notesPages
  }
}

/// A built deck: the page, what went wrong on the way, and the speaker notes as plain text.
public struct BuiltDeck: Sendable {
  public var html: String
  public var diagnostics: [Diagnostic]
  public var slideCount: Int
  public var size: SlideSize
  public var themeName: String
  /// Every local file the page depends on (images, theme files), for `--watch`.
  public var dependencies: [String]
}

/// Renders a deck as one self-contained HTML page with Marp's slide markup: each slide an inline SVG
/// (scaled exactly to any window) holding `<section>` layers with Marp's attributes.
public enum DeckHTMLRenderer {
  /// The selector every theme rule is scoped under.
  static let slideSelector = "div.marpit > svg > foreignObject > section"

  public static func render(_ deck: Deck, options: DeckBuildOptions = DeckBuildOptions()) -> BuiltDeck {
    var diagnostics: [Diagnostic] = []
    func warn(_ message: String, _ range: SourceRange?, _ code: DiagnosticCode) {
      diagnostics.append(Diagnostic(.warning, message, path: deck.path, range: range, code: code))
    }
    let globals = deck.globalDirectives

    // Theme and size: the same check `lectern lint` runs.
    let checked = ThemeCheck.resolve(deck, requested: options.theme, themes: options.themes)
    let theme = checked.theme
    let size = checked.size
    diagnostics += checked.diagnostics
    // Images: each URL resolved once; problems reported where the image is written.
    var urls: [String: String] = [:]
    var dependencies: [String] = []
    if let theme = options.themes.theme(named: theme.name), let path = theme.path { dependencies.append(path) }
    if let assets = options.assets {
      var seen: Set<String> = []
      var outcomes: [String: AssetResolver.Outcome] = [:]
      for slide in deck.slides {
        let written = slide.backgrounds.map { ($0.url, $0.range) } + slide.images.map { ($0.url, $0.range) }
        for (url, range) in written {
          let outcome: AssetResolver.Outcome
          if let known = outcomes[url] {
            outcome = known
          } else {
            if let file = assets.localFile(for: url) { dependencies.append(file.path) }
            outcome = assets.resolve(url)
            outcomes[url] = outcome
          }
          switch outcome {
          case .unchanged: break
          case .rewritten(let u): urls[url] = u
          case .problem(let u, let message):
            urls[url] = u
            if seen.insert(url + "\u{0}" + "\(range?.start.line ?? 0)").inserted {
              warn(message, range ?? slide.range, .missingImage)
            }
          }
        }
      }
    }

    let allowHTML = options.allowHTML || deck.frontMatter?.allowsHTML == true || globals["html"] == "true"
    let math = (globals["math"] ?? "katex") != "false"
    // The numbers arrive tiered (by the deck's own benchmark table when it has one): never re-tiered here.
    let metrics = options.metrics
    let rewriter = DeckRewriter(
      rawHTML: allowHTML ? .allow : .safeTags, urls: urls, math: math, metrics: metrics,
      annotate: options.annotate && options.metrics != nil)
    let renderer = HTMLRenderer(rawHTML: rewriter.rawHTML, rewriter: rewriter)

    // Pagination: `skip` neither shows nor counts a page, `hold` shows the number without advancing it.
    var numbers: [Int?] = []
    var counter = 0
    for slide in deck.slides {
      switch slide.directives.paginate {
      case .shown:
        counter += 1
        numbers.append(counter)
      case .hidden:
        counter += 1
        numbers.append(nil)
      case .hold:
        numbers.append(max(counter, 1))
      case .skip:
        numbers.append(nil)
      }
    }
    let totalPages = counter

    // Header and footer values repeat on every slide: render each distinct one once.
    var inlineHTML: [String: String] = [:]
    func inlineMarkdown(_ text: String?) -> String? {
      guard let text, !text.isEmpty else { return nil }
      if let known = inlineHTML[text] { return known }
      let html = SlideMarkup.inlineMarkdown(text, renderer: renderer)
      inlineHTML[text] = html
      return html
    }
    var scopedCSS = ""
    var slidesHTML = ""
    var notes = ""
    for (index, slide) in deck.slides.enumerated() {
      let scope = slide.scopedStyles.isEmpty ? nil : "s\(slide.number)"
      if let scope {
        let scoper = CSSScoper(slide: slideSelector + "[data-lectern-scope=\"\(scope)\"]")
        for style in slide.scopedStyles { scopedCSS += scoper.scope(style.css).css }
      }
      // Joining split text nodes only matters where a `$` could open math or `{` a placeholder.
      let lines = slide.range.map { ($0.start.line, $0.end.line) }
      let mayHoldMath = math && lines.map { deck.source.lines($0.0, through: $0.1, containByte: UInt8(ascii: "$")) } ?? false
      let mayHoldPlaceholder = lines.map { deck.source.lines($0.0, through: $0.1, containByte: UInt8(ascii: "{")) } ?? false
      var body = renderer.render(mayHoldMath || mayHoldPlaceholder ? slide.blocks.mergingAdjacentText() : slide.blocks)
      // Wherever live numbers appear, say which window and store they come from.
      if body.containsBytes("class=\"lectern-metric\"") || body.containsBytes("class=\"lectern-benchmark\"") {
        let note = metrics?.provenance ?? "DORA metrics: no data (no metrics store)"
        body += "<p class=\"lectern-metrics-note\">\(HTMLEscaping.escape(note))</p>\n"
      }
      var html = SlideMarkup(
        slide: slide, size: size, theme: theme.name, lang: globals["lang"], scope: scope,
        pagination: numbers[index].map { ($0, totalPages) }, header: inlineMarkdown(slide.directives["header"]),
        footer: inlineMarkdown(slide.directives["footer"]), rewriter: rewriter
      ).svg(body: body)
      let noteHTML = slide.notes.isEmpty ? nil : notesHTML(slide.notes.map(\.text))
      if options.notesPages {
        html +=
          "\n<div class=\"lectern-note-page\" data-slide=\"\(slide.number)\"><h2>Slide \(slide.number)"
          + (slide.title.map { " · " + HTMLEscaping.escape($0) } ?? "") + "</h2>\(noteHTML ?? "")</div>"
      }
      slidesHTML += html
      slidesHTML += "\n"
      if let noteHTML { notes += "<div data-slide=\"\(slide.number)\">\(noteHTML)</div>\n" }
    }

    // Theme CSS, then global <style> elements (both scoped to slides); external @imports first.
    let scoper = CSSScoper(slide: slideSelector)
    let themeScoped = scoper.scope(theme.css)
    var css = themeScoped.css
    var imports = themeScoped.imports
    for style in deck.styles {
      let s = scoper.scope(style.css)
      css += s.css
      imports += s.imports
    }
    css = imports.joined(separator: "\n") + (imports.isEmpty ? "" : "\n") + css + scopedCSS

    let title =
      globals["title"] ?? deck.slides.lazy.compactMap(\.title).first
      ?? URL(fileURLWithPath: deck.path).deletingPathExtension().lastPathComponent
    let page = DeckPage(
      lang: globals["lang"] ?? "en", title: title, description: globals["description"], author: globals["author"],
      url: globals["url"], image: globals["image"], theme: theme.name, width: size.width, height: size.height,
      slideCount: deck.slides.count, progress: options.progressBar, viewerCSS: options.templates.asset("deck-viewer.css"),
      viewerJS: options.templates.asset("deck-viewer.js").replacingOccurrences(of: "</script", with: "<\\/script"),
      themeCSS: css.replacingOccurrences(of: "</style", with: "<\\/style"), slides: slidesHTML, notes: notes)
    let html = options.templates.render(page, template: "deck.html")
    let origin = SourceLocation(line: 0, column: 0)
    diagnostics.sort { ($0.range?.start ?? origin) < ($1.range?.start ?? origin) }
    return BuiltDeck(
      html: html, diagnostics: diagnostics, slideCount: deck.slides.count, size: size, themeName: theme.name,
      dependencies: dependencies.uniqued())
  }

  /// Speaker notes as plain text: one block per slide, slides separated by `---` lines (Marp CLI's `--notes`).
  public static func notesText(_ deck: Deck) -> String {
    deck.slides.map { $0.notes.map(\.text).joined(separator: "\n\n") }.joined(separator: "\n\n---\n\n") + "\n"
  }

  /// Notes are plain text: escaped, paragraphs at blank lines, line breaks kept.
  static func notesHTML(_ texts: [String]) -> String {
    var out = ""
    for text in texts {
      // Paragraphs at blank lines; the lines inside a paragraph joined by <br>.
      var paragraph: [Substring] = []
      func flush() {
        guard !paragraph.isEmpty else { return }
        out += "<p>" + paragraph.map { HTMLEscaping.escape(String($0)) }.joined(separator: "<br>") + "</p>"
        paragraph.removeAll()
      }
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { flush() } else { paragraph.append(line) }
      }
      flush()
    }
    return out
  }
}

extension Array where Element: Hashable {
  func uniqued() -> [Element] {
    var seen: Set<Element> = []
    return filter { seen.insert($0).inserted }
  }
}
