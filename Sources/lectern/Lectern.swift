import ArgumentParser

@main
struct Lectern: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lectern",
    abstract: "Turn Markdown into talks and postmortems.",
    discussion: ExitStatus.help,
    version: "0.1.0",
    subcommands: [Build.self, Extract.self, Lint.self, LSP.self, Metrics.self, Report.self, Serve.self]
  )
}
