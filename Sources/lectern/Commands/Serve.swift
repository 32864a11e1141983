import ArgumentParser
import Foundation
import LecternBrowser
import LecternConfig
import LecternCore
import LecternDORA
import LecternDeck
import LecternExtract
import LecternLive
import LecternMarkdown
import LecternMetrics
import LecternPipeline
import LecternPostmortem
import LecternReport
import LecternServe
import LecternSlides
import LecternTemplates

extension Lectern {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Serve the decks and postmortems under a folder, rendered on request, reloading on every change.",
      discussion: """
        Open the printed address for an index. A change to a deck, a theme, an image, a template or the \
        metrics store reloads every open page within a second and keeps its slide; the presenter view \
        ('p') works through the server. Only files under PATH are served (no hidden files, no symlinks leaving it \
        or landing on a hidden file). Binds to 127.0.0.1 unless --host says otherwise; --host localhost \
        listens on both 127.0.0.1 and ::1. \
        \(ExitStatus.help)
        """)

    @Argument(help: "The folder to serve (default: the current folder).")
    var path: String = "."

    @Option(help: "The address to listen on (127.0.0.1, ::1, or localhost for both).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (default: $PORT, else 8080; 0 picks a free one).")
    var port: UInt16?

    @Option(name: .customLong("theme-set"), help: "Theme CSS files or folders, usable by name from the 'theme' directive.")
    var themeSet: [String] = []

    @Flag(help: "Let raw HTML through even when a deck does not say 'html: true'.")
    var html = false

    @Option(help: "A folder of templates laid over the built-in ones (watched too).")
    var templates: String?

    @OptionGroup(title: "Live metrics for {{dora.…}} placeholders, benchmark tables and reports")
    var metrics: MetricsSourceOptions

    @OptionGroup var window: WindowOptions

    @OptionGroup var project: ConfigOption

    func run() throws {
      let config = try project.load(for: [path])
      let themeSet = self.themeSet.isEmpty ? config.themeSet : self.themeSet
      let templates = self.templates ?? config.templates
      let html = self.html || config.html == true
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        printError("\(path): error: not a folder; expected the folder of decks to serve")
        throw ExitCode(2)
      }
      let root = SiteRoot(URL(fileURLWithPath: path))
      let chosenPort = port ?? ProcessInfo.processInfo.environment["PORT"].flatMap(UInt16.init) ?? 8080
      let themes: ThemeSet
      var watched: [URL] = []
      do {
        let loaded = try ThemeFiles.load(themeSet)
        themes = loaded.themes
        watched = loaded.files.map { URL(fileURLWithPath: $0) }
      } catch {
        printError("\(error)")
        throw ExitCode(2)
      }
      let library: TemplateLibrary
      do {
        library = try templates.map { try TemplateLibrary(overlaying: $0) } ?? .shared
      } catch {
        printError("error: \(error)")
        throw ExitCode(2)
      }
      watched += extraWatchedFiles(templates: templates)
      let renderer = SiteRenderer(
        themes: themes, templates: library, allowHTML: html,
        numbers: DocumentNumbers(defaults: try metrics.defaults(window: window, config: config)))
      let server = DeckServer(
        root: root, options: .init(host: host, port: chosenPort, watching: watched), templates: library,
        render: { renderer.page(for: $0) }, log: { printError($0) })
      FileWatcherSignals.restoreDefaults()
      do {
        try server.runUntilKilled { urls in
          printError("serving \(root.url.path) at \(urls.joined(separator: " and ")) (Ctrl-C stops)")
        }
      } catch {
        printError("error: cannot serve on \(host):\(chosenPort): \(error)")
        throw ExitCode(2)
      }
    }

    /// Files outside the folder whose changes reload open pages: templates, record files and the store.
    private func extraWatchedFiles(templates: String?) -> [URL] {
      func entries(_ folder: String) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map {
          URL(fileURLWithPath: (folder as NSString).appendingPathComponent($0))
        }
      }
      var watched = (templates.map(entries) ?? []) + (metrics.data.map(entries) ?? [])
      let store = metrics.store
      // A PostgreSQL store has no file to watch: pages show its numbers as of their last build.
      if !PostgresStoreURL.isPostgres(store.path), store.db != nil || FileManager.default.fileExists(atPath: store.path) {
        watched.append(URL(fileURLWithPath: store.path))
        watched.append(URL(fileURLWithPath: store.path + "-wal"))
      }
      return watched
    }
  }
}
