import ArgumentParser
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

extension Lectern {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build Marp-style decks into self-contained HTML slides (and PDF).",
      discussion: """
        Each deck becomes one HTML file with its CSS and viewer inline; it works from file:// and offline. \
        Keys in the page: → ↓ Space PgDn next, ← ↑ PgUp previous, Home/End, f fullscreen, o overview, \
        p presenter window (notes, next slide, clock, timer). The URL hash is the slide number. \
        Without -o each deck is written beside its source; with a directory, directory inputs are mirrored \
        into it. Warnings (missing images, unknown themes) go to standard error as 'file:line:column: ...'. \
        \(ExitStatus.help)
        """)

    @Argument(help: "Deck files, directories (their *.md files) or quoted globs; '-' reads standard input.")
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: "Output file (one deck), directory, or '-' for standard output.")
    var output: String?

    @Option(help: "Theme name (lectern, harbor, plain; Marp's default, gaia, uncover) or a Marp theme CSS file.")
    var theme: String?

    @Option(name: .customLong("theme-set"), help: "More theme CSS files or folders, usable by name from the 'theme' directive.")
    var themeSet: [String] = []

    @Flag(help: "Let raw HTML through even when the deck does not say 'html: true'.")
    var html = false

    @Flag(name: .customLong("embed-assets"), help: "Inline local images as data: URIs (a single file to hand out).")
    var embedAssets = false

    @Flag(name: .customLong("allow-local-files"), help: "Allow embedding images from outside the deck's folder.")
    var allowLocalFiles = false

    @Flag(help: "Show a progress bar at the bottom of the slides.")
    var progress = false

    @Flag(help: "Also write a PDF (one page per slide) with headless Chromium.")
    var pdf = false

    @Flag(name: .customLong("pdf-notes"), help: "Like --pdf, with a page of speaker notes after each slide.")
    var pdfNotes = false

    @Flag(help: "Also write the speaker notes as plain text (NAME.notes.txt).")
    var notes = false

    @Option(name: .customLong("browser-path"), help: "The Chromium executable for --pdf (default: CHROME_PATH, then PATH).")
    var browserPath: String?

    @Option(help: "A folder of templates and assets laid over the built-in ones (deck.html.mustache, theme-*.css).")
    var templates: String?

    @Flag(help: "Keep running and rebuild when a deck, a theme or an image changes.")
    var watch = false

    @OptionGroup(title: "Live metrics for {{dora.…}} placeholders and benchmark tables")
    var metrics: MetricsSourceOptions

    @OptionGroup var window: WindowOptions

    @Flag(name: .customLong("no-annotate"), help: "Do not mark the current tier or add a 'Now' column in DORA benchmark tables.")
    var noAnnotate = false

    func validate() throws {
      if inputs.isEmpty { throw ValidationError("give at least one deck, directory or glob") }
      if output == "-" && (pdf || pdfNotes || notes || watch) {
        throw ValidationError("-o - writes HTML to standard output; --pdf, --pdf-notes, --notes and --watch need files")
      }
    }

    func run() throws {
      let planner = BuildPlanner(inputs: inputs, output: output)
      let plan = try planner.jobs()
      let skipped = planner.skippedDocuments()
      if !skipped.isEmpty {
        printError(
          "skipped \(skipped.count) Markdown file\(skipped.count == 1 ? "" : "s") that \(skipped.count == 1 ? "is" : "are") not a deck "
            + "(no 'marp: true' or Marp directive): " + skipped.joined(separator: ", "))
      }
      let setup = try BuildSetup(command: self)
      let outcomes = setup.build(plan)
      if watch {
        setup.watch(plan, after: outcomes)
      }
      let worst = outcomes.map(\.status).max() ?? 0
      if worst > 0 { throw ExitCode(worst) }
    }
  }
}

/// One deck to build and where its products go (`nil` html: standard output).
struct BuildJob: Sendable {
  var input: String
  var html: String?
}

/// Maps inputs to outputs: beside the source, into a named file, or mirrored into a directory.
struct BuildPlanner {
  var inputs: [String]
  var output: String?

  enum Failure: Error, CustomStringConvertible {
    case manyToOne(String)
    case stdinNeedsOutput
    case noDecks(String)

    var description: String {
      switch self {
      case .manyToOne(let path):
        "\(path): error: several decks cannot be written to one file; give a directory (ending in '/') for -o"
      case .stdinNeedsOutput: "-: error: a deck read from standard input needs -o FILE or -o -"
      case .noDecks(let inputs):
        "\(inputs): error: no deck found (a deck has 'marp: true' or a Marp directive in its front matter)"
      }
    }
  }

  func jobs() throws -> [BuildJob] {
    var pairs: [(file: String, root: String?)] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      let isDir =
        input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
      for file in try InputFiles.expand([input]) where !isDir || Self.isDeck(file) {
        pairs.append((file, isDir ? input : nil))
      }
    }
    if pairs.isEmpty, !inputs.isEmpty { throw Failure.noDecks(inputs.joined(separator: ", ")) }
    var seen: Set<String> = []
    pairs = pairs.filter { seen.insert($0.file).inserted }
    guard let output else {
      if pairs.contains(where: { $0.file == "-" }) { throw Failure.stdinNeedsOutput }
      return pairs.map { BuildJob(input: $0.file, html: Self.replacingExtension($0.file, with: "html")) }
    }
    if output == "-" {
      guard pairs.count == 1 else { throw Failure.manyToOne("-") }
      return [BuildJob(input: pairs[0].file, html: nil)]
    }
    var isDirectory: ObjCBool = false
    let existsAsDirectory = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue
    let asDirectory = existsAsDirectory || output.hasSuffix("/") || pairs.count > 1 || pairs.contains { $0.root != nil }
    guard asDirectory else {
      let target = output.lowercased().hasSuffix(".pdf") ? Self.replacingExtension(output, with: "html") : output
      return [BuildJob(input: pairs[0].file, html: target)]
    }
    if pairs.count > 1 && !asDirectory { throw Failure.manyToOne(output) }
    return pairs.map { pair in
      var relative = (pair.file as NSString).lastPathComponent
      if let root = pair.root {
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        let filePath = URL(fileURLWithPath: pair.file).standardizedFileURL.path
        if filePath.hasPrefix(rootPath + "/") { relative = String(filePath.dropFirst(rootPath.count + 1)) }
      }
      if pair.file == "-" { relative = "stdin.md" }
      let target = (output as NSString).appendingPathComponent(relative)
      return BuildJob(input: pair.file, html: Self.replacingExtension(target, with: "html"))
    }
  }

  /// Markdown files inside directory inputs that are not decks (named files are always built).
  func skippedDocuments() -> [String] {
    inputs.flatMap { input -> [String] in
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
      return ((try? InputFiles.expand([input])) ?? []).filter { !Self.isDeck($0) }
    }
  }

  /// Whether a file found in a directory reads as a deck; an unreadable file is kept, so its error is reported.
  static func isDeck(_ path: String) -> Bool {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return true }
    return DocumentKind.detect(SourceFile(path: path, text: text)) == .deck
  }

  static func replacingExtension(_ path: String, with ext: String) -> String {
    let ns = path as NSString
    let base = ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
    return base + "." + ext
  }
}
