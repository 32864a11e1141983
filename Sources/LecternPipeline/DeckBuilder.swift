import Foundation
import LecternBrowser
import LecternCore
import LecternDeck
import LecternExport
import LecternLayout
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
    /// Also write an editable PowerPoint file (NAME.pptx) beside the main product.
    public var pptx = false
    /// `--pdf-notes`: a handout, each slide that has notes beside its notes on one page.
    public var pdfNotes = false
    /// PDF bookmarks from the slides' headings (`--pdf-outlines`).
    public var pdfOutlines = false
    /// One image per slide (`--images png|jpeg`): NAME.001.png, NAME.002.png…
    public var images: OutputFormat?
    /// The title slide only (`--image png|jpeg`): NAME.png, for og:image.
    public var image: OutputFormat?
    /// Device pixels per CSS pixel for images (`--image-scale`).
    public var imageScale = 1.0
    /// Global directives written over each deck's (`--title`, `--author`…: Marp's metadata options).
    public var metadata: [String: String] = [:]
    public var notes = false
    public var browserPath: String?
    public var templates: String?
    public var annotate = true
    /// Keep each deck model alive to the end (a one-shot build frees nothing; a watcher must).
    public var oneShot = true
    /// Measure every built deck in headless Chromium and warn about overflow, small text and low contrast
    /// (when a browser is found; otherwise say once that the measurement is skipped).
    public var layout = false

    public init() {}
  }

  /// What building one deck gave: messages for standard error, an exit status, the files it used.
  public struct Outcome: Sendable {
    public var messages: [String] = []
    public var status: Int32 = 0
    public var dependencies: [String] = []
    /// The built page to measure (under `Settings.layout`).
    var layoutJob: LayoutRun.Job?
    /// Slide pictures to take once every deck is built (one browser for all of them).
    var pictures: SlidePictures?
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
    let needsBrowser =
      settings.pdf || settings.pdfNotes || settings.pdfOutlines || settings.images != nil || settings.image != nil
    chromium = needsBrowser ? try Chromium.locate(override: settings.browserPath) : nil
  }

  /// Builds every job, several at once; outcomes in job order.
  public func build(_ jobs: [BuildJob]) -> [Outcome] {
    var outcomes = (try? jobs.concurrentMap { buildOne($0) }) ?? []
    takePictures(&outcomes)
    if settings.layout { measureLayout(&outcomes) }
    return outcomes
  }

  /// Reads, renders and writes one deck.
  public func buildOne(_ job: BuildJob) -> Outcome {
    var outcome = Outcome()
    do {
      // The warm-up may have read this deck while the arguments were parsed.
      var deck = try BuildWarmUp.deck(at: job.input) ?? Deck(source: SourceFile.load(path: job.input))
      if !settings.metadata.isEmpty { deck.globalDirectives = deck.globalDirectives.overriding(settings.metadata) }
      let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      let deckDirectory = job.input == "-" ? here : URL(fileURLWithPath: job.input).deletingLastPathComponent()
      var options = DeckBuildOptions(
        theme: themeName, themes: themes, allowHTML: settings.allowHTML,
        assets: AssetResolver(
          deckDirectory: deckDirectory, outputDirectory: job.output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() },
          embed: settings.embedAssets, allowLocalFiles: settings.allowLocalFiles),
        progressBar: settings.progressBar, templates: templates)
      options.metrics = try numbers.deck(deck, directory: deckDirectory)
      options.annotate = settings.annotate
      let built = DeckHTMLRenderer.render(deck, options: options)
      if settings.layout {
        // The page's URLs are relative to where it is written (or as written, on standard output).
        let base = job.output.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? deckDirectory
        // The same page with each block's source line (`data-line`), for the measurement only.
        var measured = options
        measured.sourceLines = true
        let page = DeckHTMLRenderer.render(deck, options: measured)
        outcome.layoutJob = LayoutRun.Job(
          input: LayoutInput(path: job.input, built: page, deckDirectory: base), slideLines: LayoutRun.Job.slideLines(deck))
      }
      if settings.oneShot { ProcessTeardown.keepUntilExit(deck) }
      var diagnostics = deck.diagnostics.filter { $0.severity != .note } + built.diagnostics
      var powerPoint: PowerPointFile?
      if job.format == .pptx || settings.pptx {
        let exported = try exportPowerPoint(deck, deckDirectory: deckDirectory, metrics: options.metrics)
        powerPoint = exported.file
        diagnostics += exported.diagnostics
      }
      outcome.messages += diagnostics.map(\.formatted)
      if diagnostics.contains(where: { $0.severity == .error }) { outcome.status = 1 }
      outcome.dependencies = [job.input] + built.dependencies + themeFiles
      if let store = options.metrics?.storeDescription, FileManager.default.fileExists(atPath: store) {
        outcome.dependencies.append(store)
      }
      let products = try write(deck, built, powerPoint, options: options, job: job, pictures: &outcome.pictures)
      if job.output != nil {
        outcome.messages.append(
          "\(job.input) → \(products.joined(separator: ", ")) (\(built.slideCount) slides, theme \(built.themeName), "
            + "\(built.size.width)×\(built.size.height))")
      }
    } catch {
      let text = "\(error)"
      outcome.messages.append(text.contains("error:") ? text : "\(job.input): error: \(text)")
      outcome.status = 2
    }
    return outcome
  }

  /// Writes the main product (`job.format`) and the extras asked for (notes, PDF, PowerPoint) beside it;
  /// returns every written path, the main product first. A page printed to PDF but not asked for is removed.
  private func write(
    _ deck: Deck, _ built: BuiltDeck, _ powerPoint: PowerPointFile?, options: DeckBuildOptions, job: BuildJob,
    pictures: inout SlidePictures?
  ) throws -> [String] {
    guard let output = job.output else {
      try OutputSink.write(built.html, to: nil)
      return []
    }
    var products: [String] = []
    let wantsPDF = job.format == .pdf || settings.pdf || settings.pdfNotes || settings.pdfOutlines
    let wantsImages = job.format.isImage || settings.images != nil || settings.image != nil
    var page: URL?
    if job.format == .html {
      try OutputSink.write(built.html, to: output)
      products.append(output)
      page = URL(fileURLWithPath: output)
    } else if wantsPDF {
      // A page only for printing: beside the output so relative images resolve, removed afterwards.
      let url = URL(fileURLWithPath: output)
      page = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).page.html")
      try OutputSink.write(built.html, to: page!.path)
    }
    defer { if job.format != .html, let page { try? FileManager.default.removeItem(at: page) } }
    if let powerPoint {
      let path = job.format == .pptx ? output : BuildPlanner.replacingExtension(output, with: "pptx")
      let sink = try OutputSink(path: path)
      sink.write([UInt8](powerPoint.data)[...])
      try sink.commit()
      products.append(path)
    }
    if wantsPDF, let page {
      let path = job.format == .pdf ? output : BuildPlanner.replacingExtension(output, with: "pdf")
      try printPDF(deck, page: page, options: options, to: path)
      products.append(path)
    }
    if wantsImages, let planned = self.pictures(job, built: built) {
      pictures = planned.pictures
      products += planned.paths
    }
    if settings.notes {
      let notesPath = BuildPlanner.replacingExtension(output, with: "notes.txt")
      try OutputSink.write(DeckHTMLRenderer.notesText(deck), to: notesPath)
      products.append(notesPath)
    }
    return products.filter { $0 == output } + products.filter { $0 != output }
  }

  /// Prints `page` to `path` with Chromium (as a handout of slides beside their notes under `--pdf-notes`).
  private func printPDF(_ deck: Deck, page: URL, options: DeckBuildOptions, to path: String) throws {
    let chromium = try self.chromium ?? Chromium.locate(override: settings.browserPath)
    var printed = page
    if settings.pdfNotes {
      // The notes pages are a print-only variant of the same page, next to it so relative images resolve.
      var withNotes = options
      withNotes.notesPages = true
      printed = page.deletingLastPathComponent().appendingPathComponent(".\(page.lastPathComponent).notes.html")
      try OutputSink.write(DeckHTMLRenderer.render(deck, options: withNotes).html, to: printed.path)
    }
    defer { if settings.pdfNotes { try? FileManager.default.removeItem(at: printed) } }
    try chromium.printPDF(
      page: printed, to: URL(fileURLWithPath: path), outline: settings.pdfOutlines, info: Self.documentInfo(deck))
  }

  /// The PDF's properties from the deck's global directives (with `--title`, `--author`… written over them).
  static func documentInfo(_ deck: Deck) -> PDFDocumentInfo {
    let globals = deck.globalDirectives
    return PDFDocumentInfo(
      title: globals["title"] ?? deck.slides.lazy.compactMap(\.title).first, author: globals["author"],
      subject: globals["description"], keywords: globals["keywords"])
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
