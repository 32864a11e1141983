import Foundation
import LecternCore
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternExport

@Suite struct PowerPointWriterTests {
  static let deckText = """
    ---
    marp: true
    paginate: true
    footer: Guild **review**
    ---

    # Release notes

    - **bold** and _italic_ and `code`
      - nested [docs](https://example.com/docs) and [bad](javascript:alert(1))
    1. first
    2. second

    <!-- first note -->

    ---

    ## Numbers

    | Metric | Value |
    |---|--:|
    | Deploys | 14 |
    | Lead & time | <1 h |

    ```swift
    let x = 1
    ```

    <!-- second note -->
    <!-- third note
    on two lines -->
    """

  func write(_ text: String = deckText, options: PowerPointOptions = PowerPointOptions()) throws -> PackageReading {
    let deck = Deck(source: .inline(text, path: "talk.md"))
    return try PackageReading(PowerPointWriter.write(deck, options: options).data)
  }

  @Test func slideSizeFollowsTheDeckInEMU() throws {
    let wide = try write().text("ppt/presentation.xml")
    #expect(wide.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"))
    let standard = try write(options: PowerPointOptions(width: 960, height: 720)).text("ppt/presentation.xml")
    #expect(standard.contains("<p:sldSz cx=\"9144000\" cy=\"6858000\"/>"))
  }

  @Test func everyPartIsListedInTheContentTypesAndSlidesInOrder() throws {
    let package = try write()
    #expect(package.paths.first == "[Content_Types].xml")
    let types = try package.text("[Content_Types].xml")
    for path in package.paths where path.hasSuffix(".xml") && !path.hasPrefix("[") {
      #expect(types.contains("PartName=\"/\(path)\""), "\(path) has no content type")
    }
    let rels = try package.text("ppt/_rels/presentation.xml.rels")
    #expect(
      rels.contains(
        "Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"slides/slide1.xml\""
      ))
    #expect(
      rels.contains(
        "Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide\" Target=\"slides/slide2.xml\""
      ))
  }

  @Test func textKeepsEmphasisCodeLinksAndListLevels() throws {
    let package = try write()
    let slide = try package.text("ppt/slides/slide1.xml")
    #expect(slide.contains("<p:ph type=\"title\"/>"))
    #expect(slide.contains("b=\"1\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"1F2430\"/></a:solidFill></a:rPr><a:t>bold</a:t>"))
    #expect(slide.contains("i=\"1\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"1F2430\"/></a:solidFill></a:rPr><a:t>italic</a:t>"))
    #expect(slide.contains("<a:latin typeface=\"Courier New\"/></a:rPr><a:t>code</a:t>"))
    #expect(slide.contains("<a:buAutoNum type=\"arabicPeriod\"/>"))
    // The nested item is a second-level paragraph; its link is a hyperlink relationship, the javascript: one is text.
    #expect(slide.contains("<a:pPr marL=\"662940\" indent=\"-331470\">"))
    let rels = try package.text("ppt/slides/_rels/slide1.xml.rels")
    #expect(rels.contains("Target=\"https://example.com/docs\" TargetMode=\"External\""))
    #expect(!rels.contains("javascript"))
    #expect(!slide.contains("javascript"))
    #expect(slide.contains("<a:t> and bad</a:t>"), "the unsafe link keeps its text, without a link")
  }

  @Test func tablesAreRealTablesWithTheSourceCells() throws {
    let slide = try write().text("ppt/slides/slide2.xml")
    #expect(slide.contains("<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl>"))
    #expect(slide.components(separatedBy: "<a:tr ").count - 1 == 3)
    #expect(slide.components(separatedBy: "<a:tc>").count - 1 == 6)
    #expect(slide.contains("<a:t>Lead &amp; time</a:t>"))
    #expect(slide.contains("<a:t>&lt;1 h</a:t>"))
    #expect(slide.contains("algn=\"r\""), "the right-aligned column stays right-aligned")
  }

  @Test func notesPagesHoldEveryNoteInOrder() throws {
    let package = try write()
    let first = try package.text("ppt/notesSlides/notesSlide1.xml")
    #expect(first.contains("<a:t>first note</a:t>"))
    let second = try package.text("ppt/notesSlides/notesSlide2.xml")
    let order = ["second note", "third note", "on two lines"].map { second.range(of: "<a:t>\($0)</a:t>")?.lowerBound }
    #expect(order.allSatisfy { $0 != nil })
    #expect(order.compactMap { $0 }.sorted() == order.compactMap { $0 })
    #expect(try package.text("ppt/slides/_rels/slide2.xml.rels").contains("../notesSlides/notesSlide2.xml"))
  }

  @Test func paginatedDecksGetNumbersAndFooters() throws {
    let slide = try write().text("ppt/slides/slide2.xml")
    #expect(slide.contains("type=\"slidenum\""))
    #expect(slide.contains("<a:t>2</a:t></a:fld>"))
    #expect(slide.contains("<a:t>Guild </a:t>"))
    #expect(slide.contains("<a:t>review</a:t>"))
    let plain = try write("# One\n").text("ppt/slides/slide1.xml")
    #expect(!plain.contains("slidenum"))
  }

  @Test func backgroundAndTextColoursComeFromThemeAndDirectives() throws {
    let css = "section { --bg: #102030; background: var(--bg); color: #fafafa; font-family: \"Lato\", sans-serif; }"
    let text = "# A\n\n---\n\n<!-- _backgroundColor: \"#fdf6e3\" -->\n<!-- _color: navy -->\n# B\n"
    let package = try write(text, options: PowerPointOptions(themeCSS: css))
    let first = try package.text("ppt/slides/slide1.xml")
    #expect(first.contains("<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"102030\"/>"))
    #expect(first.contains("<a:srgbClr val=\"FAFAFA\"/>"))
    let second = try package.text("ppt/slides/slide2.xml")
    #expect(second.contains("<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"FDF6E3\"/>"))
    #expect(second.contains("<a:srgbClr val=\"000080\"/>"))
    #expect(try package.text("ppt/theme/theme1.xml").contains("<a:latin typeface=\"Lato\"/>"))
  }

  @Test func embeddedImagesArePicturesAndMissingOnesAreNamedBoxes() throws {
    let png = ImageFileTests.png(width: 400, height: 200)
    let text = "![bg left:60%](a.png)\n\n# Split\n\n![](gone.png)\n"
    let package = try write(text, options: PowerPointOptions(images: ["a.png": ImageFile(data: png)!]))
    #expect(package.paths.contains("ppt/media/image1.png"))
    let slide = try package.text("ppt/slides/slide1.xml")
    #expect(slide.contains("<a:blip r:embed=\"rId2\"/>"))
    #expect(slide.contains("<a:t>image: gone.png</a:t>"))
    #expect(try package.text("ppt/slides/_rels/slide1.xml.rels").contains("Target=\"../media/image1.png\""))
  }
}
