import Foundation
import LecternBrowser
import LecternCore
import LecternDeck
import LecternSlides
import LecternTemplates

/// How `lectern build` builds: everything decided once (themes, templates, browser), then each deck read,
/// filled with live numbers, rendered and written (HTML, notes, PDF).
public struct DeckBuilder: Sendable {
  /// The choices a build is made with (the command line's flags).
  public struct Settings: Sendable {
    public var theme: String?
    public var themeSet: [String] = []
    public var allowHTML = false
    public var embedAssets = false
    public var allowLocalFiles = false
    public var progressBar = false
    public var pdf = false
    public var pdfNotes = false
    public var notes = false
    public var browserPath: String?
    public var templates: String?
    public var annotate = true
    /// Keep each deck model alive to the end (a one-shot build frees nothing; a watcher must).
    public var oneShot = true

    public init() {}
  }

  /// What building one deck gave: messages for standard error, an exit status, the files it used.
  public struct Outcome: Sendable {
    public var messages: [String] = []
    public var status: Int32 = 0
    public var dependencies: [String] = []
  }

  let settings: Settings
  let numbers: DocumentNumbers
  let themes: ThemeSet
  let themeName: String?
  let themeFiles: [String]
  let templates: TemplateLibrary
  let chromium: Chromium?

  /// Loads themes, templates and the browser; throws when one of them cannot be used.
  public init(settings: Settings, numbers: DocumentNumbers) throws {
    self.settings = settings
    self.numbers = numbers
    var chosen = settings.theme
    var entries = settings.themeSet
    if let theme = settings.theme, theme.hasSuffix(".css") || FileManager.default.fileExists(atPath: theme) {
      entries.append(theme)
      chosen = nil
    }
    (themes, themeFiles) = try ThemeFiles.load(entries)
    if let file = settings.theme, chosen == nil, let css = try? String(contentsOfFile: file, encoding: .utf8) {
      chosen = Theme(css: css, path: file).name
    }
    themeName = chosen
    templates = try settings.templates.map { try TemplateLibrary(overlaying: $0) } ?? .shared
    chromium = settings.pdf || settings.pdfNotes ? try Chromium.locate(override: settings.browserPath) : nil
  }

  /// Builds every job, several at once; outcomes in job order.
  public func build(_ jobs: [BuildJob]) -> [Outcome] {
    (try? jobs.concurrentMap { buildOne($0) }) ?? []
  }

  /// Reads, renders and writes one deck.
  public func buildOne(_ job: BuildJob) -> Outcome {
    var outcome = Outcome()
    do {
      let deck = Deck(source: try SourceFile.load(path: job.input))
      let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      let deckDirectory = job.input == "-" ? here : URL(fileURLWithPath: job.input).deletingLastPathComponent()
      var options = DeckBuildOptions(
        theme: themeName, themes: themes, allowHTML: settings.allowHTML,
        assets: AssetResolver(
          deckDirectory: deckDirectory, outputDirectory: job.html.map { URL(fileURLWithPath: $0).deletingLastPathComponent() },
          embed: settings.embedAssets, allowLocalFiles: settings.allowLocalFiles),
        progressBar: settings.progressBar, templates: templates)
      options.metrics = try numbers.deck(deck, directory: deckDirectory)
      options.annotate = settings.annotate
      let built = DeckHTMLRenderer.render(deck, options: options)
      if settings.oneShot { ProcessTeardown.keepUntilExit(deck) }
      let diagnostics = deck.diagnostics.filter { $0.severity != .note } + built.diagnostics
      outcome.messages += diagnostics.map(\.formatted)
      if diagnostics.contains(where: { $0.severity == .error }) { outcome.status = 1 }
      outcome.dependencies = [job.input] + built.dependencies + themeFiles
      if let store = options.metrics?.storeDescription, FileManager.default.fileExists(atPath: store) {
        outcome.dependencies.append(store)
      }
      let products = try write(deck, built, options: options, to: job.html)
      if let html = job.html {
        outcome.messages.append(
          "\(job.input) → \(([html] + products).joined(separator: ", ")) (\(built.slideCount) slides, theme \(built.themeName), "
            + "\(built.size.width)×\(built.size.height))")
      }
    } catch {
      let text = "\(error)"
      outcome.messages.append(text.contains("error:") ? text : "\(job.input): error: \(text)")
      outcome.status = 2
    }
    return outcome
  }

  /// Writes the page, then the notes and the PDF when asked; returns the extra products' paths.
  private func write(_ deck: Deck, _ built: BuiltDeck, options: DeckBuildOptions, to html: String?) throws -> [String] {
    try OutputSink.write(built.html, to: html)
    guard let html else { return [] }
    var products: [String] = []
    if settings.notes {
      let notesPath = BuildPlanner.replacingExtension(html, with: "notes.txt")
      try OutputSink.write(DeckHTMLRenderer.notesText(deck), to: notesPath)
      products.append(notesPath)
    }
    if let chromium {
      var page = URL(fileURLWithPath: html)
      if settings.pdfNotes {
        // The notes pages are a print-only variant of the same page, next to it so relative images resolve.
        var withNotes = options
        withNotes.notesPages = true
        page = page.deletingLastPathComponent().appendingPathComponent(".\(page.lastPathComponent).notes.html")
        try OutputSink.write(DeckHTMLRenderer.render(deck, options: withNotes).html, to: page.path)
      }
      defer { if settings.pdfNotes { try? FileManager.default.removeItem(at: page) } }
      let pdfPath = BuildPlanner.replacingExtension(html, with: "pdf")
      try chromium.printPDF(page: page, to: URL(fileURLWithPath: pdfPath))
      products.append(pdfPath)
    }
    return products
  }

  /// Rebuilds a deck whenever a file it uses changes (inotify; nothing polls); never returns.
  public func watch(_ jobs: [BuildJob], after first: [Outcome], report: (String) -> Void) throws -> Never {
    var dependencies = zip(jobs, first).map { $1.dependencies.isEmpty ? [$0.input] : $1.dependencies }
    let watcher = try FileWatcher(dependencies.flatMap { $0 })
    report(
      "watching \(jobs.count) deck(s) and \(Set(dependencies.flatMap { $0 }).count - jobs.count) file(s) they use; Ctrl-C stops")
    while true {
      let changed = watcher.wait()
      for i in jobs.indices where dependencies[i].contains(where: { changed.contains(Self.standardized($0)) }) {
        let outcome = buildOne(jobs[i])
        outcome.messages.forEach(report)
        dependencies[i] = outcome.dependencies.isEmpty ? [jobs[i].input] : outcome.dependencies
      }
      watcher.replace(with: dependencies.flatMap { $0 })
    }
  }

  static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
