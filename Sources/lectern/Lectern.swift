import ArgumentParser
import LecternCore

@main
struct Lectern: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lectern",
    abstract: "Turn Markdown into talks and postmortems.",
    discussion: ExitStatus.help,
    version: LecternInfo.version,
    subcommands: [Build.self, Extract.self, Lint.self, LSP.self, Metrics.self, Report.self, Serve.self]
  )
}
