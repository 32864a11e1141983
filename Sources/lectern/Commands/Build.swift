import ArgumentParser
import Foundation
import LecternCore
import LecternPipeline

extension Lectern {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build Marp-style decks into self-contained HTML slides, PDF or editable PowerPoint.",
      discussion: """
        Each deck becomes one HTML file with its CSS and viewer inline; it works from file:// and offline. \
        Keys in the page: → ↓ Space PgDn next, ← ↑ PgUp previous, Home/End, f fullscreen, o overview, \
        p presenter window (notes, next slide, clock, timer). The URL hash is the slide number. \
        Without -o each deck is written beside its source; with a directory, directory inputs are mirrored \
        into it. A file named by -o is written in the format of its extension (.html, .pdf, .pptx); other \
        extensions are refused. Warnings (missing images, unknown themes) go to standard error as 'file:line:column: ...'. \
        \(ExitStatus.help)
        """)

    @Argument(help: "Deck files, directories (their *.md files) or quoted globs; '-' reads standard input.")
    var inputs: [String]

    @Option(
      name: [.short, .customLong("output")],
      help: "Output file (one deck; .html, .pdf or .pptx picks the format), directory, or '-' for standard output.")
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

    @Flag(help: "Also write an editable PowerPoint file (NAME.pptx) with real tables and speaker notes.")
    var pptx = false

    @Flag(help: "Also write the speaker notes as plain text (NAME.notes.txt).")
    var notes = false

    @Flag(
      name: .customLong("no-layout"),
      help: "Do not measure the slides in headless Chromium (overflow, small text, contrast warnings).")
    var noLayout = false

    @Option(
      name: .customLong("browser-path"),
      help: "The Chromium executable for --pdf and the layout warnings (default: CHROME_PATH, then PATH).")
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
      if output == "-" && (pdf || pdfNotes || pptx || notes || watch) {
        throw ValidationError("-o - writes HTML to standard output; --pdf, --pdf-notes, --pptx, --notes and --watch need files")
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
      var settings = DeckBuilder.Settings()
      settings.theme = theme
      settings.themeSet = themeSet
      settings.allowHTML = html
      settings.embedAssets = embedAssets
      settings.allowLocalFiles = allowLocalFiles
      settings.progressBar = progress
      settings.pdf = pdf
      settings.pdfNotes = pdfNotes
      settings.pptx = pptx
      settings.notes = notes
      settings.browserPath = browserPath
      settings.templates = templates
      settings.annotate = !noAnnotate
      settings.oneShot = !watch
      // A watched build stays quick and starts watching at once: the layout is measured by one-shot builds and lint.
      settings.layout = !noLayout && !watch
      let builder = try DeckBuilder(settings: settings, numbers: DocumentNumbers(defaults: metrics.defaults(window: window)))
      let outcomes = builder.build(plan)
      for outcome in outcomes { outcome.messages.forEach(printError) }
      if watch {
        FileWatcherSignals.restoreDefaults()
        try builder.watch(plan, after: outcomes, report: printError)
      }
      let worst = outcomes.map { $0.status }.max() ?? ExitStatus.ok
      if worst > 0 { throw ExitCode(worst) }
    }
  }
}
