import ArgumentParser
import Foundation
import LecternCore
import LecternDeck
import LecternMetrics
import LecternPostmortem
import LecternRender

extension Lectern {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render postmortem notes as a report filled in with live DORA metrics, or start a new postmortem.",
      subcommands: [Render.self, New.self],
      defaultSubcommand: Render.self)
  }
}

extension Lectern.Report {
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "render",
      abstract: "Render postmortems (Markdown) as HTML or Markdown reports with live DORA metrics.",
      discussion: """
        Action items are grouped by horizon and team; every long-term item that names a DORA metric shows \
        that metric's current value, tier, the next tier's threshold and a weekly trend from the metrics store. \
        The incident (front matter 'incident:' or --incident) is looked up in the store: opened, resolved, \
        time to restore, severity and whether the severity table's response time was met. Without a store \
        the report says 'no data'. Findings about the document go to standard error and into the report.
        """)

    @Argument(help: "Postmortem Markdown files.")
    var files: [String]

    @OptionGroup var store: MetricsStoreOptions

    @Option(help: "A folder of deployments/changes/incidents files, read into memory instead of a store.")
    var data: String?

    @OptionGroup var window: WindowOptions

    @Option(help: "The incident to report on (default: the document's front matter 'incident').")
    var incident: String?

    @Option(help: "html or md (default: from -o's extension, else html).")
    var format: String?

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
      if let format, ReportFormat(rawValue: format) == nil {
        throw ValidationError("--format '\(format)' is not html or md")
      }
      if output == "-" && pdf { throw ValidationError("--pdf needs a file output, not -o -") }
      if output == "-" && files.count > 1 { throw ValidationError("-o - takes one postmortem") }
    }

    func run() throws {
      let chosenFormat: ReportFormat =
        format.flatMap(ReportFormat.init(rawValue:))
        ?? (output.map { $0.lowercased().hasSuffix(".md") } == true ? .md : .html)
      var library = TemplateLibrary.shared
      do {
        if let templates { library = try TemplateLibrary(overlaying: templates) }
        if let template {
          guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
            throw TemplateLibrary.LoadError.unreadable(template)
          }
          library = try library.adding(text, named: "custom")
        }
      } catch {
        printError("error: \(error)")
        throw ExitCode(2)
      }
      let chromium: Chromium?
      do {
        chromium = pdf ? try Chromium.locate(override: browserPath) : nil
      } catch {
        printError("error: \(error)")
        throw ExitCode(2)
      }

      // The store: --data, --db, $LECTERN_METRICS_DB, or the default store when it exists.
      var metricsStore: MetricsStore?
      var storeDescription = ""
      var missingStore: String?
      do {
        if let data {
          metricsStore = try MetricsInput.inMemoryStore(from: data)
          storeDescription = "\(data) (in memory)"
        } else if FileManager.default.fileExists(atPath: store.path) {
          metricsStore = try MetricsStore(path: store.path)
          storeDescription = store.path
        } else if store.db != nil {
          printError("\(store.path): error: no metrics store; run 'lectern metrics ingest FILE…' first, or use --data DIR")
          throw ExitCode(2)
        } else {
          missingStore = "no metrics store at \(store.path)"
        }
      } catch let error as IngestError {
        printError(error.description)
        throw ExitCode(1)
      }
      let range = try window.resolve()

      var worst: Int32 = 0
      for file in try InputFiles.expand(files) {
        let source: SourceFile
        do {
          source = try SourceFile.load(path: file)
        } catch let error as InputError {
          printError(error.description)
          worst = max(worst, 2)
          continue
        }
        let postmortem = Postmortem(source: source)
        DiagnosticPrinter.print(postmortem.document.diagnostics + postmortem.findings)
        if postmortem.document.diagnostics.contains(where: { $0.severity == .error }) { worst = max(worst, 1) }
        var tiers = TierTable.defaults
        if !postmortem.benchmarks.isEmpty {
          var found = tiers.tiers
          let header = ["Metric"] + (postmortem.benchmarks.first?.tiers ?? [])
          let rows = postmortem.benchmarks.map { [$0.metric.displayName] + $0.values }
          if let parsed = TierTable.parseRows(header: header, rows: rows) {
            found.merge(parsed) { _, new in new }
            tiers = TierTable(tiers: found, source: "\(file) (benchmark table)")
          }
        }
        var metrics: ReportMetrics?
        if let metricsStore {
          let services = window.services.isEmpty ? postmortem.meta.services : window.services
          metrics = try ReportMetrics.compute(
            store: metricsStore, storeDescription: storeDescription, window: range, services: services, tiers: tiers,
            incidentId: incident ?? postmortem.meta.incidentIds.first)
        }
        let text = ReportBuilder.render(
          postmortem, metrics: metrics, format: chosenFormat, templates: library, template: template == nil ? nil : "custom",
          missingStore: missingStore)
        let target = target(for: file, format: chosenFormat)
        do {
          let sink = try OutputSink(path: target)
          sink.write(Array(text.utf8)[...])
          try sink.commit()
          var products = [target ?? "<stdout>"]
          if let chromium, let target {
            var page = URL(fileURLWithPath: target)
            var temporary: URL?
            if chosenFormat != .html {
              let html = ReportBuilder.render(
                postmortem, metrics: metrics, format: .html, templates: library, missingStore: missingStore)
              page = page.deletingLastPathComponent().appendingPathComponent(".\(page.lastPathComponent).print.html")
              try html.write(to: page, atomically: true, encoding: .utf8)
              temporary = page
            }
            defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
            let pdfPath = BuildPlanner.replacingExtension(target, with: "pdf")
            try chromium.printPDF(page: page, to: URL(fileURLWithPath: pdfPath))
            products.append(pdfPath)
          }
          if target != nil {
            printError(
              "\(file) → \(products.joined(separator: ", ")) (\(postmortem.actionItems.count) action items, "
                + (metrics.map { "metrics from \($0.storeDescription)" } ?? "no metrics") + ")")
          }
        } catch let error as CommandError {
          printError(error.description)
          worst = max(worst, 2)
        } catch {
          printError("\(file): error: \(error)")
          worst = max(worst, 2)
        }
      }
      if worst > 0 { throw ExitCode(worst) }
    }

    private func target(for file: String, format: ReportFormat) -> String? {
      let ext = format == .html ? "report.html" : "report.md"
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
      abstract: "Write a new postmortem skeleton pre-filled from an incident record in the metrics store.")

    @Option(help: "The incident id (as in the store's incidents).")
    var incident: String

    @OptionGroup var store: MetricsStoreOptions

    @Option(help: "A folder of deployments/changes/incidents files, read into memory instead of a store.")
    var data: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
      let metricsStore: MetricsStore
      do {
        if let data {
          metricsStore = try MetricsInput.inMemoryStore(from: data)
        } else {
          guard FileManager.default.fileExists(atPath: store.path) else {
            printError("\(store.path): error: no metrics store; run 'lectern metrics ingest FILE…' first, or use --data DIR")
            throw ExitCode(2)
          }
          metricsStore = try MetricsStore(path: store.path)
        }
      } catch let error as IngestError {
        printError(error.description)
        throw ExitCode(1)
      }
      guard let record = try metricsStore.incident(id: incident) else {
        printError("error: incident '\(incident)' is not in the store")
        throw ExitCode(1)
      }
      let cause = try record.causedBy.flatMap { try metricsStore.deployment(id: $0) }
      let text = PostmortemSkeleton.markdown(incident: record, cause: cause)
      do {
        let sink = try OutputSink(path: output)
        sink.write(Array(text.utf8)[...])
        try sink.commit()
      } catch let error as CommandError {
        printError(error.description)
        throw ExitCode(2)
      }
    }
  }
}
