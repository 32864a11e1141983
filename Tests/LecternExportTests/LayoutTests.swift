import Foundation
import LecternDeck
import Testing

@testable import LecternExport

@Suite struct BackgroundLayoutTests {
  func backgrounds(_ markdown: String) -> [Background] {
    Deck(source: .init(path: "t.md", text: markdown)).slides[0].backgrounds
  }

  @Test func splitLeftSixtyPercentGivesTheContentTheRest() {
    let layout = BackgroundLayout(backgrounds("![bg left:60%](a.png)\n# Hi\n"), width: 1280, height: 720)
    #expect(layout.placements.count == 1)
    #expect(layout.placements[0].cell == Frame(x: 0, y: 0, width: 768, height: 720))
    #expect(layout.content == Frame(x: 768, y: 0, width: 512, height: 720))
  }

  @Test func splitRightDefaultsToHalf() {
    let layout = BackgroundLayout(backgrounds("![bg right](a.png)\n"), width: 1280, height: 720)
    #expect(layout.placements[0].cell == Frame(x: 640, y: 0, width: 640, height: 720))
    #expect(layout.content == Frame(x: 0, y: 0, width: 640, height: 720))
  }

  @Test func severalBackgroundsShareTheSlideSideBySideOrStacked() {
    let row = BackgroundLayout(backgrounds("![bg](a.png)\n![bg](b.png)\n"), width: 1280, height: 720)
    #expect(row.placements.map(\.cell.x) == [0, 640])
    let column = BackgroundLayout(backgrounds("![bg vertical](a.png)\n![bg](b.png)\n"), width: 1280, height: 720)
    #expect(column.placements.map(\.cell.y) == [0, 360])
  }

  @Test func coverCropsAndContainLetterboxes() throws {
    let image = try #require(ImageFile(data: ImageFileTests.png(width: 400, height: 200)))
    let cell = Frame(x: 0, y: 0, width: 640, height: 720)
    let cover = BackgroundLayout.fit(backgrounds("![bg](a.png)")[0], image: image, in: cell)
    #expect(cover.frame == cell)
    // Scaled to 1440×720: 400 px cut off each side, 400/1440 of the width.
    #expect(abs(cover.crop.0 - 400.0 / 1440) < 1e-9)
    #expect(cover.crop.1 == 0)
    let contain = BackgroundLayout.fit(backgrounds("![bg fit](a.png)")[0], image: image, in: cell)
    #expect(contain.frame == Frame(x: 0, y: 200, width: 640, height: 320))
    #expect(contain.crop == (0, 0, 0, 0))
  }
}

@Suite struct ImageFileTests {
  /// A PNG header (signature and IHDR) of the given size: enough for the size reader.
  static func png(width: Int, height: Int) -> Data {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    for v in [width, height] { bytes += [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    return Data(bytes + [8, 6, 0, 0, 0, 0, 0, 0, 0])
  }

  @Test func readsSizesOfPNGGIFAndSVG() throws {
    let png = try #require(ImageFile(data: Self.png(width: 640, height: 480)))
    #expect(png.fileExtension == "png" && png.width == 640 && png.height == 480)
    let gif = try #require(ImageFile(data: Data(Array("GIF89a".utf8) + [0x20, 0x01, 0x10, 0x00])))
    #expect(gif.fileExtension == "gif" && gif.width == 288 && gif.height == 16)
    let svg = try #require(ImageFile(data: Data("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 450\"></svg>".utf8)))
    #expect(svg.fileExtension == "svg" && svg.width == 800 && svg.height == 450)
  }

  @Test func rejectsWhatIsNotAnImage() {
    #expect(ImageFile(data: Data("hello".utf8)) == nil)
    #expect(ImageFile(data: Data([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])) == nil)
  }
}

@Suite struct InlineRunsTests {
  @Test(arguments: [
    ("https://example.com", true), ("mailto:a@b.c", true), ("slides/next.html", true), ("javascript:alert(1)", false),
    (" JavaScript:alert(1)", false), ("java\nscript:alert(1)", false), ("data:text/html,x", false), ("file:///etc/passwd", false),
    ("#anchor", false), ("vbscript:x", false),
  ])
  func onlySafeLinksSurvive(_ destination: String, _ kept: Bool) {
    #expect((InlineRuns.safeLink(destination) != nil) == kept)
  }
}
