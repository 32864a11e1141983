import Foundation
import LecternCore
import LecternDeck
import LecternLive

/// What a PowerPoint file is made from besides the deck: its size, its theme and the images it may embed.
public struct PowerPointOptions: Sendable {
  /// The slide size in CSS pixels (16:9 is 1280×720; 4:3 is 960×720).
  public var width: Int
  public var height: Int
  public var themeName: String
  /// The theme's CSS (imports flattened) plus the deck's global `<style>`s: colours, fonts and sizes are read from it.
  public var themeCSS: String
  /// Image URL exactly as written in the deck → the image to embed. A URL missing here is drawn as a dashed
  /// box naming it (remote, missing, or outside the deck's folder without `--allow-local-files`).
  public var images: [String: ImageFile]
  /// Live numbers for `{{dora.…}}` placeholders (`nil`: "no data").
  public var metrics: LiveMetrics?
  /// With `metrics`: mark each metric's current tier and add a "Now" column in DORA benchmark tables.
  public var annotate = true
  /// Highlighted code by ``CodeToken/key(language:code:)``: a block found here is coloured with the theme's
  /// token colours; any other block is one colour.
  public var codeTokens: [String: [CodeToken]] = [:]

  public init(
    width: Int = 1280, height: Int = 720, themeName: String = "lectern", themeCSS: String = "",
    images: [String: ImageFile] = [:], metrics: LiveMetrics? = nil
  ) {
    self.width = width
    self.height = height
    self.themeName = themeName
    self.themeCSS = themeCSS
    self.images = images
    self.metrics = metrics
  }
}

/// A written PowerPoint file.
public struct PowerPointFile: Sendable {
  /// The `.pptx` bytes (a ZIP package).
  public var data: Data
  public var slideCount: Int
}

/// Writes a deck as an editable PowerPoint presentation (PresentationML): one slide per slide with text
/// boxes, real tables, pictures and notes pages, read from the deck model rather than from its HTML.
public enum PowerPointWriter {
  public static func write(_ deck: Deck, options: PowerPointOptions = PowerPointOptions()) throws -> PowerPointFile {
    let width = Double(options.width)
    let height = Double(options.height)
    let rules = CSSRules(css: options.themeCSS)
    let deckStyle = SlideStyle(rules: rules, slide: nil)
    let media = MediaCatalog(images: options.images)
    var archive = PackageArchive()
    var types = ContentTypes()
    for entry in media.entries { types.add(extension: entry.image.fileExtension, type: entry.image.contentType) }
    for entry in media.entries { archive.add("ppt/media/" + entry.name, data: entry.image.data) }
    let pages = pageNumbers(deck)
    let runs = InlineRuns(metrics: options.metrics)
    for (index, slide) in deck.slides.enumerated() {
      let n = index + 1
      let part = SlidePart(
        slide: slide, style: SlideStyle(rules: rules, slide: slide), width: width, height: height, inlineRuns: runs,
        page: pages[index], annotate: options.annotate, codeTokens: options.codeTokens)
      let notes = NotesSlide(notes: slide.notes.map(\.text), slideTarget: "../slides/slide\(n).xml")
      let (xml, rels) = part.xml(media: media, notesTarget: "../notesSlides/notesSlide\(n).xml")
      archive.add("ppt/slides/slide\(n).xml", xml: xml)
      archive.add("ppt/slides/_rels/slide\(n).xml.rels", xml: rels.xml)
      archive.add("ppt/notesSlides/notesSlide\(n).xml", xml: notes.xml)
      archive.add("ppt/notesSlides/_rels/notesSlide\(n).xml.rels", xml: notes.relationships.xml)
      types.add(part: "ppt/slides/slide\(n).xml", type: ContentTypes.slide)
      types.add(part: "ppt/notesSlides/notesSlide\(n).xml", type: ContentTypes.notesSlide)
    }
    addFrame(deck, options: options, style: deckStyle, slideCount: deck.slides.count, to: &archive, types: &types)
    archive.add("[Content_Types].xml", xml: types.xml)
    return PowerPointFile(data: try archive.zipped(), slideCount: deck.slides.count)
  }

  /// The package's fixed parts: root relationships, presentation, master, layout, notes master, themes, properties.
  private static func addFrame(
    _ deck: Deck, options: PowerPointOptions, style: SlideStyle, slideCount: Int, to archive: inout PackageArchive,
    types: inout ContentTypes
  ) {
    let width = Double(options.width)
    let height = Double(options.height)
    var root = Relationships()
    _ = root.add(.officeDocument, target: "ppt/presentation.xml")
    _ = root.add(.coreProperties, target: "docProps/core.xml")
    _ = root.add(.extendedProperties, target: "docProps/app.xml")
    let presentation = PresentationPart(width: width, height: height, slideCount: slideCount)
    let globals = deck.globalDirectives
    let title =
      globals["title"] ?? deck.slides.lazy.compactMap(\.title).first
      ?? URL(fileURLWithPath: deck.path).deletingPathExtension().lastPathComponent
    var notesStyle = style
    (notesStyle.background, notesStyle.text) = (Color(hex: "FFFFFF"), Color(hex: "000000"))
    var master = Relationships()
    _ = master.add(.slideLayout, target: "../slideLayouts/slideLayout1.xml")
    _ = master.add(.theme, target: "../theme/theme1.xml")
    var layout = Relationships()
    _ = layout.add(.slideMaster, target: "../slideMasters/slideMaster1.xml")
    var notesMaster = Relationships()
    _ = notesMaster.add(.theme, target: "../theme/theme2.xml")
    let parts: [(String, String, String?)] = [
      ("_rels/.rels", root.xml, nil),
      ("ppt/presentation.xml", presentation.xml, ContentTypes.presentation),
      ("ppt/_rels/presentation.xml.rels", presentation.relationships.xml, nil),
      ("ppt/presProps.xml", PresentationPart.presProps, ContentTypes.presProps),
      ("ppt/viewProps.xml", PresentationPart.viewProps, ContentTypes.viewProps),
      ("ppt/tableStyles.xml", PresentationPart.tableStyles, ContentTypes.tableStyles),
      (
        "ppt/slideMasters/slideMaster1.xml", SlideMaster.masterXML(width: width, height: height, style: style),
        ContentTypes.slideMaster
      ),
      ("ppt/slideMasters/_rels/slideMaster1.xml.rels", master.xml, nil),
      ("ppt/slideLayouts/slideLayout1.xml", SlideMaster.layoutXML(width: width, height: height), ContentTypes.slideLayout),
      ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", layout.xml, nil),
      ("ppt/notesMasters/notesMaster1.xml", NotesMaster.xml(slideWidth: width, slideHeight: height), ContentTypes.notesMaster),
      ("ppt/notesMasters/_rels/notesMaster1.xml.rels", notesMaster.xml, nil),
      ("ppt/theme/theme1.xml", OfficeTheme(name: options.themeName, style: style).xml, ContentTypes.theme),
      ("ppt/theme/theme2.xml", OfficeTheme(name: "Notes", style: notesStyle).xml, ContentTypes.theme),
      (
        "docProps/core.xml",
        PresentationPart.core(
          title: title, description: globals["description"], author: globals["author"], keywords: globals["keywords"]),
        ContentTypes.core
      ),
      ("docProps/app.xml", PresentationPart.app(slideCount: slideCount), ContentTypes.app),
    ]
    for (path, xml, type) in parts {
      archive.add(path, xml: xml)
      if let type { types.add(part: path, type: type) }
    }
  }

  /// Marp's page numbers: `skip` neither shows nor counts a page, `hold` shows the number without advancing it.
  static func pageNumbers(_ deck: Deck) -> [(number: Int, total: Int)?] {
    var numbers: [Int?] = []
    var counter = 0
    for slide in deck.slides {
      switch slide.directives.paginate {
      case .shown:
        counter += 1
        numbers.append(counter)
      case .hidden:
        counter += 1
        numbers.append(nil)
      case .hold: numbers.append(max(counter, 1))
      case .skip: numbers.append(nil)
      }
    }
    return numbers.map { number in number.map { ($0, counter) } }
  }
}
