import ArgumentParser
extension Lectern {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a deck or document as typed JSON.")
    func run() throws {}
  }
}
