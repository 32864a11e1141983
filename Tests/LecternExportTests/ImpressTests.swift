import Foundation
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternExport

/// LibreOffice Impress opens the written file: converted headlessly to PDF, one page per slide.
@Suite(.enabled(if: Impress.isInstalled, "needs LibreOffice Impress (Debian libreoffice-impress) and poppler-utils"))
struct ImpressTests {

  @Test(.enabled(if: TestPaths.seed("000") != nil, "needs ../shared/seeds"), .timeLimit(.minutes(2)))
  func seed000OpensInImpressWithEverySlide() throws {
    let deck = Deck(source: try .at(#require(TestPaths.seed("000"))))
    let dir = TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pptx = dir.appendingPathComponent("seed000.pptx")
    try PowerPointWriter.write(deck, options: PowerPointOptions()).data.write(to: pptx)
    let profile = dir.appendingPathComponent("profile")
    try run(
      "/usr/bin/soffice",
      [
        "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir", dir.path, pptx.path,
      ])
    let info = try run("/usr/bin/pdfinfo", [dir.appendingPathComponent("seed000.pdf").path])
    #expect(info.contains("Pages:           \(deck.slides.count)"), "\(info)")
  }

  @discardableResult
  private func run(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// Whether LibreOffice Impress and poppler-utils are installed.
enum Impress {
  static let isInstalled: Bool =
    ["/usr/bin/soffice", "/usr/bin/pdfinfo"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    && FileManager.default.fileExists(atPath: "/usr/lib/libreoffice/program/libsdlo.so")
}
