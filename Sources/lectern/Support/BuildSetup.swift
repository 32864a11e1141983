import Foundation
import LecternBrowser
import LecternCore
import LecternDORA
import LecternDeck
import LecternExtract
import LecternLive
import LecternReport
import LecternSlides
import LecternTemplates

/// Everything `lectern build` decides once (themes, templates, browser), then builds decks with.
struct BuildSetup: @unchecked Sendable {
  let command: Lectern.Build
  let themes: ThemeSet
  let themeName: String?
  let themeFiles: [String]
  let templates: TemplateLibrary
  let chromium: Chromium?
  let numbers: DocumentNumbers

  enum Failure: Error, CustomStringConvertible {
    case theme(String)
    case templates(String)
    case browser(String)

    var description: String {
      switch self {
      case .theme(let m), .templates(let m), .browser(let m): m
      }
    }
  }

  init(command: Lectern.Build) throws {
    self.command = command
    self.numbers = DocumentNumbers(defaults: command.metrics.defaults(window: command.window))
    var chosen = command.theme
    var entries = command.themeSet
    if let theme = command.theme, theme.hasSuffix(".css") || FileManager.default.fileExists(atPath: theme) {
      entries.append(theme)
      chosen = nil
    }
    let (themes, files): (ThemeSet, [String])
    do {
      (themes, files) = try ThemeFiles.load(entries)
    } catch {
      throw Failure.theme("\(error)")
    }
    if let file = command.theme, chosen == nil,
      let css = try? String(contentsOfFile: file, encoding: .utf8)
    {
      chosen = Theme(css: css, path: file).name
    }
    self.themes = themes
    self.themeName = chosen
    self.themeFiles = files
    if let dir = command.templates {
      do {
        templates = try TemplateLibrary(overlaying: dir)
      } catch {
        throw Failure.templates("\(dir): error: \(error)")
      }
    } else {
      templates = .shared
    }
    if command.pdf || command.pdfNotes {
      do {
        chromium = try Chromium.locate(override: command.browserPath)
      } catch {
        throw Failure.browser("error: \(error)")
      }
    } else {
      chromium = nil
    }
  }

  /// Builds every job, several at once; prints what happened and returns each job's outcome.
  func build(_ jobs: [BuildJob]) -> [Outcome] {
    let results = ResultList(count: jobs.count)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
      results.set(i, buildOne(jobs[i]))
    }
    for result in results.all {
      for line in result.messages { printError(line) }
    }
    return results.all
  }

  struct Outcome: Sendable {
    var messages: [String] = []
    var status: Int32 = 0
    var dependencies: [String] = []
  }

  func buildOne(_ job: BuildJob) -> Outcome {
    var outcome = Outcome()
    let source: SourceFile
    do {
      source = try SourceFile.load(path: job.input)
    } catch {
      outcome.messages.append("\(error)")
      outcome.status = 2
      return outcome
    }
    let deck = Deck(source: source)
    let deckDirectory = URL(fileURLWithPath: job.input == "-" ? FileManager.default.currentDirectoryPath : job.input)
      .deletingLastPathComponent()
    let outputDirectory = job.html.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
    let assets = AssetResolver(
      deckDirectory: job.input == "-" ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : deckDirectory,
      outputDirectory: outputDirectory, embed: command.embedAssets, allowLocalFiles: command.allowLocalFiles)
    var options = DeckBuildOptions(
      theme: themeName, themes: themes, allowHTML: command.html, assets: assets, progressBar: command.progress,
      templates: templates)
    do {
      options.metrics = try numbers.deck(deck, directory: deckDirectory)
    } catch {
      outcome.messages.append("\(job.input): \(error)")
      outcome.status = 2
      return outcome
    }
    options.annotate = !command.noAnnotate
    let built = DeckHTMLRenderer.render(deck, options: options)
    if !command.watch { ProcessTeardown.keepUntilExit(deck) }
    let diagnostics = deck.diagnostics.filter { $0.severity != .note } + built.diagnostics
    outcome.messages += diagnostics.map(\.formatted)
    if diagnostics.contains(where: { $0.severity == .error }) { outcome.status = 1 }
    outcome.dependencies = [job.input] + built.dependencies + themeFiles
    if let store = options.metrics?.storeDescription, FileManager.default.fileExists(atPath: store) {
      outcome.dependencies.append(store)
    }
    do {
      try write(built.html, to: job.html)
      guard let html = job.html else { return outcome }
      var products = [html]
      if command.notes {
        let notesPath = BuildPlanner.replacingExtension(html, with: "notes.txt")
        try write(DeckHTMLRenderer.notesText(deck), to: notesPath)
        products.append(notesPath)
      }
      if let chromium {
        let pdfPath = BuildPlanner.replacingExtension(html, with: "pdf")
        var page = URL(fileURLWithPath: html)
        var temporary: URL?
        if command.pdfNotes {
          // The notes pages are a print-only variant of the same page, next to it so relative images resolve.
          var withNotes = options
          withNotes.notesPages = true
          let variant = DeckHTMLRenderer.render(deck, options: withNotes)
          let url = page.deletingLastPathComponent().appendingPathComponent(".\(page.lastPathComponent).notes.html")
          try write(variant.html, to: url.path)
          temporary = url
          page = url
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        try chromium.printPDF(page: page, to: URL(fileURLWithPath: pdfPath))
        products.append(pdfPath)
      }
      outcome.messages.append(
        "\(job.input) → \(products.joined(separator: ", ")) (\(built.slideCount) slides, theme \(built.themeName), "
          + "\(built.size.width)×\(built.size.height))")
    } catch let error as CommandError {
      outcome.messages.append(error.description)
      outcome.status = 2
    } catch {
      outcome.messages.append("\(job.input): error: \(error)")
      outcome.status = 2
    }
    return outcome
  }

  private func write(_ text: String, to path: String?) throws {
    let sink = try OutputSink(path: path)
    sink.write(Array(text.utf8)[...])
    try sink.commit()
  }

  /// Polls the decks, their images and the theme files; rebuilds a deck when anything it uses changes.
  func watch(_ jobs: [BuildJob], after first: [Outcome]) -> Never {
    var dependencies: [Int: [String]] = [:]
    for (i, job) in jobs.enumerated() { dependencies[i] = first[i].dependencies.isEmpty ? [job.input] : first[i].dependencies }
    var stamps: [String: Date] = [:]
    func stamp(_ path: String) -> Date {
      (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }
    for paths in dependencies.values { for p in paths { stamps[p] = stamp(p) } }
    printError("watching \(jobs.count) deck(s) and \(stamps.count - jobs.count) file(s) they use; Ctrl-C stops")
    while true {
      Thread.sleep(forTimeInterval: 0.25)
      var changed: [Int] = []
      var updates: [String: Date] = [:]
      for (i, paths) in dependencies {
        for p in paths {
          let now = stamp(p)
          if now != stamps[p] {
            updates[p] = now
            changed.append(i)
            break
          }
        }
      }
      guard !changed.isEmpty else { continue }
      for (p, d) in updates { stamps[p] = d }
      for i in Set(changed).sorted() {
        let outcome = buildOne(jobs[i])
        for line in outcome.messages { printError(line) }
        dependencies[i] = outcome.dependencies
        for p in outcome.dependencies { stamps[p] = stamp(p) }
      }
    }
  }
}

private final class ResultList: @unchecked Sendable {
  private var items: [BuildSetup.Outcome]
  private let lock = NSLock()
  init(count: Int) { items = Array(repeating: BuildSetup.Outcome(), count: count) }
  func set(_ i: Int, _ outcome: BuildSetup.Outcome) {
    lock.lock()
    items[i] = outcome
    lock.unlock()
  }
  var all: [BuildSetup.Outcome] { items }
}
