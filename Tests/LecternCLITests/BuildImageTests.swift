import Foundation
import LecternTestSupport
import Testing

/// Slide pictures: `-o NAME.png` (the title slide), `--image`, `--images` with `--image-scale`.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs Debian's chromium"))
struct BuildImageTests {
  private func deckFolder() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    let deck =
      "---\nmarp: true\nbackgroundColor: '#102030'\n---\n# One\n\n---\n\n# Two\n\n---\n\n<!-- _backgroundColor: '#ff0000' -->\n# Three\n"
    try deck.write(to: dir.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Width and height from a PNG's IHDR chunk, or a JPEG's first SOF marker.
  static func pixelSize(_ url: URL) throws -> (Int, Int)? {
    let b = [UInt8](try Data(contentsOf: url))
    func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
    if b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return (be32(16), be32(20)) }
    guard b.starts(with: [0xFF, 0xD8]) else { return nil }
    var i = 2
    while i + 9 < b.count {
      guard b[i] == 0xFF else { return nil }
      let marker = b[i + 1]
      if (0xC0...0xC3).contains(marker) { return (be16(i + 7), be16(i + 5)) }
      i += 2 + be16(i + 2)
    }
    return nil
  }

  @Test func pngOutputIsTheTitleSlideAtTheSlideSize() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "-o", "talk.png"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let size = try Self.pixelSize(dir.appendingPathComponent("talk.png"))
    #expect(size?.0 == 1280 && size?.1 == 720, "\(String(describing: size))")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["talk.md", "talk.png"])
  }

  @Test func imagesWritesEverySlideScaled() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "--images", "jpeg", "--image-scale", "0.5"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    for n in ["001", "002", "003"] {
      let size = try Self.pixelSize(dir.appendingPathComponent("talk.\(n).jpeg"))
      #expect(size?.0 == 640 && size?.1 == 360, "slide \(n): \(String(describing: size))")
    }
    #expect(result.stderr.contains("talk.md → talk.html, talk.001.jpeg, talk.002.jpeg, talk.003.jpeg"), "\(result.stderr)")
  }

  /// Each picture shows its own slide, fully drawn: the corner pixel of slide 1 is the deck's background,
  /// slide 3's the red its spot directive sets (read with Pillow).
  @Test(.enabled(if: BuildImageTests.hasPillow, "needs python3 with Pillow"))
  func eachPictureIsItsOwnSlide() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "--images", "png", "--no-layout"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c",
      "import sys; from PIL import Image; print(*[Image.open(f).convert('RGB').getpixel((4, 4)) for f in sys.argv[1:]], sep=';')",
      dir.appendingPathComponent("talk.001.png").path, dir.appendingPathComponent("talk.003.png").path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let pixels = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(pixels == "(16, 32, 48);(255, 0, 0)", "\(pixels)")
  }

  static let hasPillow: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import PIL"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  @Test func aScaleOutOfRangeIsAUsageError() throws {
    let dir = try deckFolder()
    let result = try LecternBinary.run(["build", "talk.md", "--images", "png", "--image-scale", "0"], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("--image-scale"))
  }
}
