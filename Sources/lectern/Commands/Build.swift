import ArgumentParser
import Foundation
import LecternConfig
import LecternCore
import LecternPipeline

extension Lectern {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "build",
      abstract: "Build Marp-style decks into self-contained HTML slides, PDF or editable PowerPoint.",
      discussion: """
        Each deck becomes one HTML file with its CSS and viewer inline; it works from file:// and offline. \
        Keys in the page: → ↓ Space PgDn next, ← ↑ PgUp previous, Home/End, f fullscreen, o overview, \
        p presenter window (notes, next slide, clock, timer). The URL hash is the slide number. \
        Without -o each deck is written beside its source; with a directory, directory inputs are mirrored \
        into it. A file named by -o is written in the format of its extension (.html, .pdf, .pptx; .png and .jpeg \
        picture the title slide); other \
        extensions are refused. Options may also come from a configuration file (lectern.yml, .lectern.yml or \
        Marp's .marprc.yml, the nearest above the first input, or -c FILE); flags win. Warnings (missing images, unknown themes) go to standard error as 'file:line:column: ...'. \
        \(ExitStatus.help)
        """)

    @Argument(help: "Deck files, directories (their *.md files) or quoted globs; '-' reads standard input.")
    var inputs: [String]

    @Option(
      name: [.short, .customLong("output")],
      help:
        "Output file (one deck; .html, .pdf, .pptx, .png or .jpeg picks the format), directory, or '-' for standard output.")
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

    @Flag(name: .customLong("pdf-notes"), help: "Like --pdf, as a handout: each slide that has notes beside its notes.")
    var pdfNotes = false

    @Flag(name: .customLong("pdf-outlines"), help: "Like --pdf, with bookmarks from the slides' headings.")
    var pdfOutlines = false

    @Option(help: "Also write every slide as an image, NAME.001.png… (png or jpeg; headless Chromium).")
    var images: ImageFormatArgument?

    @Option(help: "Also write the title slide as an image, NAME.png (png or jpeg), e.g. for og:image.")
    var image: ImageFormatArgument?

    @Option(name: .customLong("image-scale"), help: "Device pixels per slide pixel for --images and --image (default 1).")
    var imageScale: Double?

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

    @Flag(name: [.short, .long], help: "Keep running and rebuild when a deck, a theme or an image changes.")
    var watch = false

    @Flag(name: [.short, .long], help: "Serve the input folder instead, as 'lectern serve FOLDER' (rendered on request).")
    var serve = false

    @OptionGroup var project: ConfigOption

    @OptionGroup(title: "Metadata (written over the deck's directives, as Marp's options are)")
    var metadata: MetadataOptions

    @OptionGroup(title: "Live metrics for {{dora.…}} placeholders and benchmark tables")
    var metrics: MetricsSourceOptions

    @OptionGroup var window: WindowOptions

    @Flag(name: .customLong("no-annotate"), help: "Do not mark the current tier or add a 'Now' column in DORA benchmark tables.")
    var noAnnotate = false

    func validate() throws {
      if inputs.isEmpty { throw ValidationError("give at least one deck, directory or glob") }
      if output == "-" && (pdf || pdfNotes || pdfOutlines || pptx || notes || watch) {
        throw ValidationError(
          "-o - writes HTML to standard output; --pdf, --pdf-notes, --pdf-outlines, --pptx, --notes and --watch need files")
      }
      if let imageScale, !(0.1...10).contains(imageScale) {
        throw ValidationError("--image-scale \(imageScale) is out of range; expected a number from 0.1 to 10")
      }
      if output == "-" && (images != nil || image != nil) { throw ValidationError("--images and --image need files, not -o -") }
      if serve && (watch || output != nil) { throw ValidationError("-s serves the folder; it takes neither -o nor -w") }
    }

    func run() throws {
      let config = try project.load(for: inputs)
      if serve { return try serveFolder(config: config) }
      let planner = BuildPlanner(inputs: inputs, output: output ?? config.output)
      let plan = try planner.jobs()
      let skipped = planner.skippedDocuments()
      if !skipped.isEmpty {
        printError(
          "skipped \(skipped.count) Markdown file\(skipped.count == 1 ? "" : "s") that \(skipped.count == 1 ? "is" : "are") not a deck "
            + "(no 'marp: true' or Marp directive): " + skipped.joined(separator: ", "))
      }
      var settings = settings(config: config)
      if settings.oneShot { ProcessTeardown.declareOneShot() }
      // A watched build stays quick and starts watching at once: the layout is measured by one-shot builds and lint.
      settings.layout = !noLayout && !(watch || config.watch == true)
      let numbers = DocumentNumbers(defaults: try metrics.defaults(window: window, config: config))
      let builder = try DeckBuilder(settings: settings, numbers: numbers)
      let outcomes = builder.build(plan)
      for outcome in outcomes { printErrors(outcome.messages) }
      if watch || config.watch == true {
        FileWatcherSignals.restoreDefaults()
        try builder.watch(plan, after: outcomes, report: printError)
      }
      let worst = outcomes.map { $0.status }.max() ?? ExitStatus.ok
      if worst > 0 { throw ExitCode(worst) }
    }
  }
}
