import ArgumentParser
import Foundation
import LecternCore
import LecternLSP

extension Lectern {
  struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lsp",
      abstract: "Run the language server over standard input and output (for editors).",
      discussion: """
        Speaks the Language Server Protocol: diagnostics as you type (the rules of 'lectern lint', settings from \
        the nearest .lectern.yml), quick fixes and 'fix all' from 'lectern lint --fix', and hover on Marp \
        directives. Exits 0 after the client's shutdown and exit, 1 when the client goes away without shutting \
        down. See docs/editors.md for VS Code, Neovim and Helix.
        """)

    @Flag(help: "Accepted for clients that pass it; standard input and output is the only transport.")
    var stdio = false

    func run() throws {
      let status = try withLargeStack {
        var reader = MessageReader(descriptor: 0)
        let server = LanguageServer(writer: MessageWriter(handle: .standardOutput)) { message in
          FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        return server.run(reader: &reader)
      }
      if status != 0 { throw ExitCode(status) }
    }
  }
}
