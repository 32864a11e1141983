import Foundation
import LecternTestSupport
import Testing

/// Adversarial inputs and outputs for `build`, `extract` and `report`: nothing crashes, nothing that
/// was read is overwritten, and targets that are not regular files are written in place.
@Suite struct RobustnessTests {
  private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  private let deck = "---\nmarp: true\n---\n\n# Kept\n"

  // MARK: Depth

  @Test func buildSurvivesDeepQuotesListsAndEmphasis() throws {
    let dir = TestPaths.temporaryDirectory()
    let decks = [
      "quotes": "---\nmarp: true\n---\n\n" + String(repeating: "> ", count: 20_000) + "bottom of the quotes\n",
      "lists": "---\nmarp: true\n---\n\n" + String(repeating: "- ", count: 100_000) + "bottom of the lists\n",
      "emphasis": "---\nmarp: true\n---\n\n" + String(repeating: "*", count: 100_000) + "bottom of the emphasis"
        + String(repeating: "*", count: 100_000) + "\n",
    ]
    for (name, text) in decks { try write(text, to: dir.appendingPathComponent("\(name).md")) }
    let result = try LecternBinary.run(["build", "quotes.md", "lists.md", "emphasis.md", "-o", "out/"], in: dir)
    #expect(result.status == 0, "\(result.stderr.prefix(2_000))")
    #expect(result.stderr.contains("quotes.md:5:65: warning: nesting deeper than 32 levels is flattened"))
    #expect(result.stderr.contains("lists.md:5:65: warning: nesting deeper than 32 levels is flattened"))
    for name in decks.keys {
      let html = try read(dir.appendingPathComponent("out/\(name).html"))
      #expect(html.contains("bottom of the \(name)"), "text of \(name).md is kept")
    }
  }

  /// The three shapes through `extract` and `report` as well: every one exits 0 and keeps its text.
  @Test(arguments: ["extract", "report"])
  func extractAndReportSurviveDeepQuotesListsAndEmphasis(_ command: String) throws {
    let dir = TestPaths.temporaryDirectory()
    let documents = [
      "quotes": "# Deep\n\n" + String(repeating: "> ", count: 20_000) + "bottom of the quotes\n",
      "lists": "# Deep\n\n" + String(repeating: "- ", count: 100_000) + "bottom of the lists\n",
      "emphasis": "# Deep\n\n" + String(repeating: "*", count: 100_000) + "bottom of the emphasis"
        + String(repeating: "*", count: 100_000) + "\n",
    ]
    for (name, text) in documents {
      try write(text, to: dir.appendingPathComponent("\(name).md"))
      let output = command == "extract" ? "\(name).json" : "\(name).html"
      let result = try LecternBinary.run([command, "\(name).md", "-o", output], in: dir)
      #expect(result.status == 0, "\(command) \(name).md: \(result.stderr.prefix(2_000))")
      #expect(try read(dir.appendingPathComponent(output)).contains("bottom of the \(name)"), "\(command) kept \(name).md's text")
      if name != "emphasis" {
        #expect(
          result.stderr.contains("\(name).md:3:65: warning: nesting deeper than 32 levels is flattened"), "\(result.stderr)")
      }
    }
  }

  /// The issue saw `extract` crash in 5 of 10 runs on 100,000 nested list items: ten runs, ten successes.
  @Test func extractSurvivesDeepListsEveryTime() throws {
    let dir = TestPaths.temporaryDirectory()
    try write(String(repeating: "- ", count: 100_000) + "leaf\n", to: dir.appendingPathComponent("deep.md"))
    for _ in 0..<10 {
      let result = try LecternBinary.run(["extract", "deep.md"], in: dir)
      #expect(result.status == 0, "\(result.stderr.prefix(2_000))")
      #expect(result.stdout.contains("\"leaf\""))
      #expect(result.stderr.contains("deep.md:1:65: warning: nesting deeper than 32 levels is flattened"))
    }
  }

  @Test func reportSurvivesDeepListsInAPostmortem() throws {
    let dir = TestPaths.temporaryDirectory()
    let text = "# Checkout outage\n\n## Timeline\n\n" + String(repeating: "- ", count: 50_000) + "10:00 deep entry\n"
    try write(text, to: dir.appendingPathComponent("pm.md"))
    let result = try LecternBinary.run(["report", "pm.md", "-o", "pm.html"], in: dir)
    #expect(result.status == 0, "\(result.stderr.prefix(2_000))")
    #expect(result.stderr.contains("pm.md:5:65: warning: nesting deeper than 32 levels is flattened"))
    #expect(try read(dir.appendingPathComponent("pm.html")).contains("Checkout outage"))
  }

  @Test func buildOfAnEmptyFolderIsAnErrorNotACrash() throws {
    let dir = TestPaths.temporaryDirectory()
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
    for arguments in [["build", "empty"], ["build", "empty", "-o", "out.html"], ["build", "empty", "-o", "site/"]] {
      let result = try LecternBinary.run(arguments, in: dir)
      #expect(result.status == 2, "\(arguments): \(result.stderr.prefix(500))")
      #expect(result.stderr == "empty: error: no deck found (a deck has 'marp: true' or a Marp directive in its front matter)\n")
    }
  }

  // MARK: Outputs that are inputs

  @Test(arguments: [
    ["build", "t.md", "-o", "t.md"], ["build", "t.md", "-o", "./link.md"], ["build", "t.md", "-o", "hard.md"],
    ["extract", "t.md", "-o", "t.md"], ["extract", "t.md", "-o", "link.md"], ["extract", "t.md", "-o", "../d/hard.md"],
    ["report", "t.md", "-o", "t.md"], ["report", "t.md", "--format", "md", "-o", "link.md"],
  ])
  func outputNamingAnInputIsRefused(arguments: [String]) throws {
    let dir = TestPaths.temporaryDirectory().appendingPathComponent("d")
    try write(deck, to: dir.appendingPathComponent("t.md"))
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.md").path, withDestinationPath: "t.md")
    try FileManager.default.linkItem(at: dir.appendingPathComponent("t.md"), to: dir.appendingPathComponent("hard.md"))
    let result = try LecternBinary.run(arguments, in: dir)
    #expect(result.status == 2, "\(result.stderr)")
    // build names it in its plan ("-o names an input file"), extract and report when opening the output.
    #expect(result.stderr.hasPrefix("\(arguments.last!): error: "))
    #expect(result.stderr.contains("input"))
    #expect(try read(dir.appendingPathComponent("t.md")) == deck)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  // MARK: Outputs that are not regular files

  @Test func fifoOutputIsStreamedIntoTheFifo() throws {
    let dir = TestPaths.temporaryDirectory()
    try write(deck, to: dir.appendingPathComponent("t.md"))
    for command in ["build", "extract"] {
      let fifo = dir.appendingPathComponent("\(command).fifo")
      #expect(mkfifo(fifo.path, 0o644) == 0)
      final class Box: @unchecked Sendable { var data = Data() }
      let received = Box()
      let reader = Thread {
        if let handle = FileHandle(forReadingAtPath: fifo.path) { received.data = handle.readDataToEndOfFile() }
      }
      reader.start()
      let result = try LecternBinary.run([command, "t.md", "-o", fifo.lastPathComponent], in: dir)
      // Should lectern not have opened the FIFO, open it here so the reader never waits forever.
      let unblock = open(fifo.path, O_WRONLY | O_NONBLOCK)
      if unblock >= 0 { close(unblock) }
      while reader.isExecuting || !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
      #expect(result.status == 0, "\(result.stderr)")
      var info = stat()
      #expect(stat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "\(command): the FIFO is still a FIFO")
      let text = String(decoding: received.data, as: UTF8.self)
      #expect(text.contains(command == "build" ? "<!DOCTYPE html>" : "\"kind\":\"deck\""), "\(command) wrote into the FIFO")
    }
  }

  @Test(.enabled(if: getuid() == 0, "making a character device needs root"))
  func deviceOutputIsWrittenInPlaceAndSurvives() throws {
    let dir = TestPaths.temporaryDirectory()
    try write(deck, to: dir.appendingPathComponent("t.md"))
    let null = dir.appendingPathComponent("null")
    // Major 1, minor 3: the same device as /dev/null, in a temporary folder.
    #expect(mknod(null.path, S_IFCHR | 0o666, (1 << 8) | 3) == 0)
    for arguments in [["build", "t.md", "-o", "null"], ["extract", "t.md", "-o", "null"], ["report", "t.md", "-o", "null"]] {
      let result = try LecternBinary.run(arguments, in: dir)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      var info = stat()
      #expect(stat(null.path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "\(arguments): still a character device")
    }
  }

  @Test func devStdoutRedirectedToAFileIsWrittenThroughTheRedirection() throws {
    let dir = TestPaths.temporaryDirectory()
    try write(deck, to: dir.appendingPathComponent("t.md"))
    let binary = try #require(LecternBinary.url)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "'\(binary.path)' extract t.md -o /dev/stdout > captured.json"]
    process.currentDirectoryURL = dir
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try read(dir.appendingPathComponent("captured.json")).hasPrefix("{\"schemaVersion\":1,\"kind\":\"deck\""))
    var info = stat()
    #expect(lstat("/dev/stdout", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "/dev/stdout is still a link")
  }
}
