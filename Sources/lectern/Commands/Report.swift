import ArgumentParser
import Foundation
import LecternBrowser
import LecternCore
import LecternDORA
import LecternDeck
import LecternExtract
import LecternLive
import LecternMetrics
import LecternPipeline
import LecternPostmortem
import LecternReport
import LecternSlides
import LecternTemplates

extension Lectern {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Render postmortems as reports with live DORA metrics, start a new one, or export their action items.",
      subcommands: [Render.self, New.self, Actions.self],
      defaultSubcommand: Render.self)
  }
}

extension Lectern.Report {
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "render",
      abstract: "Render postmortems (Markdown) as HTML, Markdown or JSON reports with live DORA metrics.",
      discussion: """
        The report is the whole document, every block in the author's order with the summary first, plus a \
        title block, incident timings from the timeline (time to detect, acknowledge, mitigate and restore, \
        with a phase bar), a compact action-item table and, from the metrics store, the incident record and \
        each long-term item's DORA metric with its tier and weekly trend. A severity's response time is \
        checked against the time to acknowledge. Nothing the document does not say is filled in; without a \
        store the numbers say 'no data'. Findings go to standard error, and into an appendix with --findings. \
        -o never replaces the input, and replaces an existing file that is not an earlier Lectern report only \
        with --force. \
        \(ExitStatus.help)
        """)

    @Argument(help: "Postmortem Markdown files.")
    var files: [String]

    @OptionGroup var metrics: MetricsSourceOptions

    @OptionGroup var window: WindowOptions

    @Option(help: "A deck or document whose DORA benchmark table sets the tiers (when the postmortem has none).")
    var benchmark: String?

    @Option(help: "The incident to report on (default: the document's front matter 'incident').")
    var incident: String?

    @Option(help: "html, md or json (default: from -o's extension, else html).")
    var format: String?

    @Flag(help: "Add an appendix listing the findings about the document (they always go to standard error).")
    var findings = false

    @Option(help: "The page size of the printed report: a4 or letter.")
    var paper: ReportPaper = .a4

    @Flag(help: "Replace an existing output file named with -o.")
    var force = false

    @Option(help: "A Mustache template file to render with instead of the built-in one.")
    var template: String?

    @Option(help: "A folder of templates laid over the built-in ones (report.html.mustache, report.md.mustache, report.css).")
    var templates: String?

    @Option(name: [.short, .customLong("output")], help: "Output file (one postmortem), directory, or '-' for standard output.")
    var output: String?

    @Flag(help: "Also write a PDF of the HTML report with headless Chromium.")
    var pdf = false

    @Option(name: .customLong("browser-path"), help: "The Chromium executable for --pdf.")
    var browserPath: String?

    func validate() throws {
      if files.isEmpty { throw ValidationError("give at least one postmortem file") }
      if let format, ReportFormat(rawValue: format) == nil, format != "json" {
        throw ValidationError("--format '\(format)' is not html, md or json")
      }
      if format == "json" && pdf { throw ValidationError("--pdf needs an html or md report, not json") }
      if output == "-" && pdf { throw ValidationError("--pdf needs a file output, not -o -") }
      if output == "-" && files.count > 1 { throw ValidationError("-o - takes one postmortem") }
    }

    func run() throws {
      let json = format == "json" || (format == nil && output?.lowercased().hasSuffix(".json") == true)
      let chosenFormat: ReportFormat =
        format.flatMap(ReportFormat.init(rawValue:))
        ?? (output.map { $0.lowercased().hasSuffix(".md") } == true ? .md : .html)
      var library = TemplateLibrary.shared
      if let templates { library = try TemplateLibrary(overlaying: templates) }
      if let template {
        guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
          throw TemplateLibrary.LoadError.unreadable(template)
        }
        library = try library.adding(text, named: "custom")
      }
      let chromium = pdf ? try Chromium.locate(override: browserPath) : nil
      if let db = metrics.store.db, metrics.data == nil, !PostgresStoreURL.isPostgres(db),
        !FileManager.default.fileExists(atPath: db)
      {
        throw MetricsAccessError.noStore(path: db)
      }
      let numbers = DocumentNumbers(
        defaults: try metrics.defaults(window: window), fallbackTiers: try benchmark.map { try TierTable.benchmark(fromFile: $0) }
      )
      var worst = ExitStatus.ok
      for file in try InputFiles.expand(files) {
        do {
          let (command, library) = (self, library)
          let status = try withLargeStack {
            try command.renderOne(
              file, format: chosenFormat, json: json, library: library, chromium: chromium, numbers: numbers)
          }
          worst = max(worst, status)
        } catch {
          printError(ErrorReporter.message(for: error, file: file))
          worst = max(worst, ErrorReporter.status(for: error))
        }
      }
      if worst > 0 { throw ExitCode(worst) }
    }

    /// Reads one postmortem, fills it with numbers, writes its report (and PDF); returns its exit status.
    private func renderOne(
      _ file: String, format: ReportFormat, json: Bool, library: TemplateLibrary, chromium: Chromium?, numbers: DocumentNumbers
    ) throws -> Int32 {
      let postmortem = Postmortem(source: try SourceFile.load(path: file))
      if postmortem.document.source.text.trimmed.isEmpty {
        printError("\(file): error: the file is empty; there is no postmortem to report")
        return ExitStatus.findings
      }
      let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
      let live = try numbers.postmortem(postmortem, directory: directory, incident: incident)
      let found = ReportBuilder.findings(postmortem, metrics: live)
      DiagnosticPrinter.print(postmortem.document.diagnostics + found)
      let status =
        postmortem.document.diagnostics.contains(where: { $0.severity == .error }) ? ExitStatus.findings : ExitStatus.ok
      let missingStore = live == nil ? "no metrics store at \(metrics.store.path)" : nil
      let target = target(for: file, format: format, json: json)
      let options = ReportOptions(findings: findings, paper: paper, assetBase: target.flatMap { assetBase(from: $0, to: file) })
      let text =
        json
        ? String(decoding: ExtractJSON.postmortem(postmortem, findings: found, pretty: true), as: UTF8.self) + "\n"
        : ReportBuilder.render(
          postmortem, metrics: live, format: format, templates: library, template: template == nil ? nil : "custom",
          missingStore: missingStore, options: options)
      // An explicit -o replaces an earlier Lectern report, and any other file only with --force; the default
      // NAME.report.html is refreshed.
      try OutputSink.write(text, to: target, overwrite: output == nil || force ? .exceptInputs : .lecternOutputOnly)
      var products = [target ?? "<stdout>"]
      if let chromium, let target {
        let html =
          format == .html
          ? nil
          : ReportBuilder.render(
            postmortem, metrics: live, format: .html, templates: library, missingStore: missingStore, options: options)
        products.append(try printPDF(target: target, html: html, chromium: chromium))
      }
      if target != nil {
        printError(
          "\(file) → \(products.joined(separator: ", ")) (\(postmortem.actionItems.count) action items, "
            + (live.map { "metrics from \($0.storeDescription)" } ?? "no metrics") + ")")
      }
      return status
    }

    /// Prints the report (or, for a Markdown report, its HTML form written beside it for the moment) to PDF.
    private func printPDF(target: String, html: String?, chromium: Chromium) throws -> String {
      var page = URL(fileURLWithPath: target)
      if let html {
        page = page.deletingLastPathComponent().appendingPathComponent(".\(page.lastPathComponent).print.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
      }
      defer { if html != nil { try? FileManager.default.removeItem(at: page) } }
      let pdfPath = BuildPlanner.replacingExtension(target, with: "pdf")
      try chromium.printPDF(page: page, to: URL(fileURLWithPath: pdfPath))
      return pdfPath
    }

    /// The document's folder as seen from the report's (`../notes/`), `nil` when they are the same folder.
    private func assetBase(from target: String, to file: String) -> String? {
      let from = URL(fileURLWithPath: target).deletingLastPathComponent().standardizedFileURL.pathComponents
      let to = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.pathComponents
      let common = zip(from, to).prefix { $0 == $1 }.count
      guard from != to else { return nil }
      let path = Array(repeating: "..", count: from.count - common) + to.dropFirst(common)
      return path.joined(separator: "/") + "/"
    }

    private func target(for file: String, format: ReportFormat, json: Bool) -> String? {
      let ext = json ? "report.json" : format == .html ? "report.html" : "report.md"
      guard let output else { return BuildPlanner.replacingExtension(file, with: ext) }
      if output == "-" { return nil }
      var isDirectory: ObjCBool = false
      if output.hasSuffix("/") || files.count > 1
        || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
      {
        let name = BuildPlanner.replacingExtension((file as NSString).lastPathComponent, with: ext)
        return (output as NSString).appendingPathComponent(name)
      }
      return output
    }
  }

  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new",
      abstract: "Write a new postmortem skeleton pre-filled from an incident record in the metrics store.",
      discussion: ExitStatus.help)

    @Option(help: "The incident id (as in the store's incidents).")
    var incident: String

    @OptionGroup var metrics: MetricsSourceOptions

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Replace the -o file if it exists.")
    var force = false

    func run() throws {
      let (record, cause) = try MetricsProvider().incident(id: incident, at: metrics.location())
      try OutputSink.write(
        PostmortemSkeleton.markdown(incident: record, cause: cause), to: output, overwrite: force ? .exceptInputs : .never)
    }
  }
}

extension ReportPaper: ExpressibleByArgument {}
