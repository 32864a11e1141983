import Foundation
import LecternCore
import LecternDORA
import LecternDeck
import LecternMarkdown
import LecternPipeline
import LecternPostmortem
import LecternReport
import LecternSlides
import LecternTemplates

/// How `serve` turns one Markdown file into a page: a deck into slides, a postmortem into its report,
/// anything else into a plain document page; a file that cannot be read into an error page.
public struct SiteRenderer: Sendable {
  let themes: ThemeSet
  let templates: TemplateLibrary
  let allowHTML: Bool
  let numbers: DocumentNumbers

  public init(themes: ThemeSet, templates: TemplateLibrary, allowHTML: Bool, numbers: DocumentNumbers) {
    self.themes = themes
    self.templates = templates
    self.allowHTML = allowHTML
    self.numbers = numbers
  }

  public func page(for file: URL) -> SitePage {
    let source: SourceFile
    do {
      source = try SourceFile.load(path: file.path)
    } catch {
      let message = "\(error)"
      return SitePage(html: errorPage(file, message), problems: [message], kind: "error")
    }
    let directory = file.deletingLastPathComponent()
    // A fresh provider each time: the store may have changed since the last render.
    let numbers = DocumentNumbers(defaults: self.numbers.defaults)
    switch DocumentKind.detect(source) {
    case .deck:
      let deck = Deck(source: source)
      var options = DeckBuildOptions(
        themes: themes, allowHTML: allowHTML,
        assets: AssetResolver(deckDirectory: directory, outputDirectory: directory, embed: false, allowLocalFiles: false),
        templates: templates)
      var problems = (deck.diagnostics).filter { $0.severity != .note }.map(\.formatted)
      do {
        options.metrics = try numbers.deck(deck, directory: directory)
      } catch {
        problems.append("\(file.path): \(error)")
      }
      let built = DeckHTMLRenderer.render(deck, options: options)
      problems += built.diagnostics.map(\.formatted)
      return SitePage(html: built.html, problems: problems, kind: "deck")
    case .document:
      let document = ProseDocument(source: source)
      guard Postmortem.looksLikePostmortem(document) else {
        let body = HTMLRenderer(allowRawHTML: false).render(document.document.blocks)
        let html =
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
          + "initial-scale=1\"><title>\(HTMLEscaping.escape(document.title ?? file.lastPathComponent))</title><style>"
          + templates.asset("report.css") + "</style></head><body><main class=\"report\">\(body)</main></body></html>"
        return SitePage(html: html, problems: document.diagnostics.map(\.formatted), kind: "document")
      }
      let pm = Postmortem(document: document)
      var problems = document.diagnostics.map(\.formatted)
      var metrics: ReportMetrics?
      do {
        metrics = try numbers.postmortem(pm, directory: directory)
      } catch {
        problems.append("\(file.path): \(error)")
      }
      let html = ReportBuilder.render(pm, metrics: metrics, format: .html, templates: templates, missingStore: "no metrics store")
      return SitePage(html: html, problems: problems, kind: "postmortem")
    }
  }

  private func errorPage(_ file: URL, _ message: String) -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cannot read \(HTMLEscaping.escape(file.lastPathComponent))"
      + "</title></head><body style=\"font:16px/1.5 system-ui,sans-serif;margin:40px\"><h1>Cannot read this file</h1>"
      + "<p>It is shown again as soon as it is fixed.</p></body></html>"
  }
}
