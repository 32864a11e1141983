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
  /// A printed handout (`--pdf-notes`): each slide that has notes beside them on one page; slides without
  /// notes are left out.
  public var notesPages: Bool
  public var templates: TemplateLibrary
  /// Live DORA numbers for placeholders and benchmark tables (`nil`: "no data").
  public var metrics: LiveMetrics?
  /// Highlight each metric's current tier in DORA benchmark tables and add a "Now" column.
  public var annotate: Bool = true
  /// Where highlight.js is read from; `nil` leaves code uncoloured.
  public var highlighter: CodeHighlighter? = .system
  /// Where KaTeX is read from; `nil` keeps math as Lectern's MathML.
  public var katex: KaTeXAssets? = .system
  /// Mark each top-level block of a slide with the line it starts on (`data-line="12"`), for the layout
  /// measurement; the page is otherwise the same.
  public var sourceLines = false

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
    diagnostics += checked.diagnostics
    var (urls, dependencies) = ([String: String](), [String]())
    if let path = options.themes.theme(named: theme.name)?.path { dependencies.append(path) }
    if let assets = options.assets {
      let resolved = resolveImages(deck, assets: assets)
      urls = resolved.urls
      dependencies += resolved.dependencies
      diagnostics += resolved.diagnostics
    }
    let allowHTML = options.allowHTML || deck.frontMatter?.allowsHTML == true || globals["html"] == "true"
    let math = (globals["math"] ?? "katex") != "false"
    // The numbers arrive tiered (by the deck's own benchmark table when it has one): never re-tiered here.
    let metrics = options.metrics
    let rewriter = DeckRewriter(
      rawHTML: allowHTML ? .allow : .safeTags, urls: urls, math: math, metrics: metrics,
      annotate: options.annotate && options.metrics != nil, source: deck.source)
    let slides = renderSlides(deck, size: checked.size, theme: theme.name, rewriter: rewriter, options: options)
    let css = pageCSS(theme: theme, deck: deck, scopedCSS: slides.scopedCSS)
    let highlightJS = highlightScript(deck, options.highlighter, warn: { warn($0, nil, .noHighlighter) })
    if metrics == nil, let message = noStoreMessage(slides.html, page: [globals["title"], globals["description"]]) {
      warn(message, nil, .noMetricsStore)
    }
    let mathAssets = katexAssets(slides.html, options.katex, warn: { warn($0, nil, .noKaTeX) })
    // The page's title and description take live numbers too.
    let title = Placeholders.substitute(
      globals["title"] ?? deck.slides.lazy.compactMap(\.title).first
        ?? URL(fileURLWithPath: deck.path).deletingPathExtension().lastPathComponent, metrics)
    let page = DeckPage(
      lang: globals["lang"] ?? "en", title: title,
      description: globals["description"].map { Placeholders.substitute($0, metrics) },
      author: globals["author"],
      url: globals["url"], image: globals["image"], keywords: globals["keywords"], theme: theme.name, width: checked.size.width,
      height: checked.size.height, slideCount: deck.slides.count, progress: options.progressBar,
      viewerCSS: options.templates.asset("deck-viewer.css"),
      viewerJS: options.templates.asset("deck-viewer.js").escapingEndTags("script"),
      themeCSS: css.escapingEndTags("style"), highlightJS: highlightJS,
      mathCSS: mathAssets?.css.escapingEndTags("style"),
      mathJS: mathAssets?.js.escapingEndTags("script"), slides: slides.html,
      notes: slides.notes)
    let html = pageHTML(page, templates: options.templates)
    let origin = SourceLocation(line: 0, column: 0)
    diagnostics.sort { ($0.range?.start ?? origin) < ($1.range?.start ?? origin) }
    return BuiltDeck(
      html: html, diagnostics: diagnostics, slideCount: deck.slides.count, size: checked.size, themeName: theme.name,
      dependencies: dependencies.uniqued())
  }

  /// Every image and background URL resolved once (rewritten, embedded, or a `missing-image` problem reported
  /// where the image is written), and the local files the page depends on.
  static func resolveImages(_ deck: Deck, assets: AssetResolver)
    -> (urls: [String: String], dependencies: [String], diagnostics: [Diagnostic])
  {
    var urls: [String: String] = [:]
    var dependencies: [String] = []
    var diagnostics: [Diagnostic] = []
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
            diagnostics.append(
              Diagnostic(.warning, message, path: deck.path, range: range ?? slide.range, code: .missingImage))
          }
        }
      }
    }
    return (urls, dependencies, diagnostics)
  }

  /// Page numbers as Marp counts them: `skip` neither shows nor counts a page, `hold` shows the number
  /// without advancing it; with the total.
  static func pageNumbers(_ deck: Deck) -> (numbers: [Int?], total: Int) {
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
    return (numbers, counter)
  }

  /// Every slide's SVG markup (and notes pages when printing), the notes for the presenter view, and the
  /// CSS of scoped `<style>` elements.
  static func renderSlides(
    _ deck: Deck, size: SlideSize, theme: String, rewriter: DeckRewriter, options: DeckBuildOptions
  ) -> (html: String, notes: String, scopedCSS: String) {
    let renderer = HTMLRenderer(rawHTML: rewriter.rawHTML, rewriter: rewriter)
    let (numbers, totalPages) = pageNumbers(deck)
    // Header and footer values repeat on every slide: render each distinct one once, before the slides.
    var inlineHTML: [String: String] = [:]
    for slide in deck.slides {
      for text in [slide.directives["header"], slide.directives["footer"]] {
        guard let text, !text.isEmpty, inlineHTML[text] == nil else { continue }
        inlineHTML[text] = SlideMarkup.inlineMarkdown(text, renderer: renderer)
      }
    }
    var scopedCSS = ""
    for slide in deck.slides where !slide.scopedStyles.isEmpty {
      let scoper = CSSScoper(slide: slideSelector + "[data-lectern-scope=\"s\(slide.number)\"]")
      for style in slide.scopedStyles { scopedCSS += scoper.scope(style.css).css }
    }
    let header = inlineHTML
    let lang = deck.globalDirectives["lang"]
    // Slides are independent: rendered on every core in runs of consecutive slides, joined in order. A run
    // makes each distinct set of directive attributes once (consecutive slides mostly share one).
    let rendered =
      (try? WorkRuns.of(deck.slides.count).concurrentMap { run in
        var attributes = SlideMarkup.DirectiveAttributes.Cache(theme: theme, lang: lang)
        return run.map { index in
          let slide = deck.slides[index]
          return renderSlide(
            slide, deck: deck, size: size, theme: theme, page: numbers[index].map { ($0, totalPages) },
            inlineHTML: header, renderer: renderer, rewriter: rewriter, notesPages: options.notesPages,
            sourceLines: options.sourceLines, directiveAttributes: attributes.attributes(for: slide.directives))
        }
      }.flatMap { $0 }) ?? []
    var slidesHTML = ""
    slidesHTML.reserveCapacity(rendered.reduce(0) { $0 + ($1.html?.utf8.count ?? 0) + 1 })
    var notes = ""
    for (html, note) in rendered {
      // A handout holds the slides that have notes, each beside its notes.
      guard let html else { continue }
      slidesHTML += html
      slidesHTML += "\n"
      if let note { notes += note }
    }
    return (slidesHTML, notes, scopedCSS)
  }

  /// One slide's SVG markup (with its notes page when printing) and its entry for the presenter's notes.
  static func renderSlide(
    _ slide: Slide, deck: Deck, size: SlideSize, theme: String, page: (Int, Int)?, inlineHTML: [String: String],
    renderer: HTMLRenderer, rewriter: DeckRewriter, notesPages: Bool, sourceLines: Bool,
    directiveAttributes: SlideMarkup.DirectiveAttributes? = nil
  ) -> (html: String?, note: String?) {
    let scope = slide.scopedStyles.isEmpty ? nil : "s\(slide.number)"
    let noteHTML = slide.notes.isEmpty ? nil : notesHTML(slide.notes.map(\.text))
    if notesPages && noteHTML == nil { return (nil, nil) }
    let body = slideBody(slide, deck: deck, renderer: renderer, rewriter: rewriter, sourceLines: sourceLines)
    func inline(_ text: String?) -> String? { text.flatMap { inlineHTML[$0] } }
    var html = SlideMarkup(
      slide: slide, size: size, theme: theme, lang: deck.globalDirectives["lang"], scope: scope,
      pagination: page, header: inline(slide.directives["header"]), footer: inline(slide.directives["footer"]),
      rewriter: rewriter, directiveAttributes: directiveAttributes
    ).svg(body: body)
    if notesPages {
      html +=
        "\n<div class=\"lectern-note-page\" data-slide=\"\(slide.number)\"><h2>Slide \(slide.number)"
        + (slide.title.map { " · " + HTMLEscaping.escape($0) } ?? "") + "</h2>\(noteHTML ?? "")</div>"
    }
    return (html, noteHTML.map { "<div data-slide=\"\(slide.number)\">\($0)</div>\n" })
  }

  /// One slide's content; wherever live numbers appear, a line says which window and store they come from.
  static func slideBody(
    _ slide: Slide, deck: Deck, renderer: HTMLRenderer, rewriter: DeckRewriter, sourceLines: Bool = false
  ) -> String {
    // Joining split text nodes only matters where a `$` could open math, `{` a placeholder or `:` a shortcode.
    let lines = slide.range.map { ($0.start.line, $0.end.line) }
    func mayHold(_ byte: Character) -> Bool {
      lines.map { deck.source.lines($0.0, through: $0.1, containByte: UInt8(ascii: byte.unicodeScalars.first!)) } ?? false
    }
    // Joined text renders exactly as split text; only the rewriter (which reads the emoji list itself) can change it.
    let merge = (rewriter.math && mayHold("$")) || mayHold("{") || (EmojiShortcodes.isInstalled && mayHold(":"))
    let blocks = merge ? slide.blocks.mergingAdjacentText() : slide.blocks
    var body = sourceLines ? SourceLines.render(blocks, with: renderer) : renderer.render(blocks)
    if body.containsBytes("class=\"lectern-metric\"") || body.containsBytes("class=\"lectern-benchmark\"") {
      let note = rewriter.metrics?.provenance ?? "DORA metrics: no data (no metrics store)"
      body += "<p class=\"lectern-metrics-note\">\(HTMLEscaping.escape(note))</p>\n"
    }
    return body
  }

  /// Theme CSS, then global `<style>` elements and the `style` directive (all scoped to slides; external
  /// `@import`s first), then scoped styles.
  static func pageCSS(theme: Theme, deck: Deck, scopedCSS: String) -> String {
    let scoper = CSSScoper(slide: slideSelector)
    let themeScoped = scoper.scope(theme.css)
    var css = themeScoped.css
    var imports = themeScoped.imports
    // `<style>` elements, then the `style` global directive (Marpit adds it after the theme, like a style element).
    for styleCSS in deck.styles.map(\.css) + [deck.globalDirectives["style"]].compactMap({ $0 }) {
      let s = scoper.scope(styleCSS)
      css += s.css
      imports += s.imports
    }
    return imports.joined(separator: "\n") + (imports.isEmpty ? "" : "\n") + css + scopedCSS
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
      // One line (most notes): one paragraph unless blank.
      if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
        if !text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { out += "<p>" + HTMLEscaping.escape(text) + "</p>" }
        continue
      }
      // Lines over bytes; `\r\n` and a lone `\r` end a line as `\n` does.
      let lines = text.containsByte(0x0D) ? text.replacingBytes("\r\n", with: "\n").replacingBytes("\r", with: "\n") : text
      for line in lines.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { flush() } else { paragraph.append(Substring(line)) }
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
