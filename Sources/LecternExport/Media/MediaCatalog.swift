/// The images a presentation embeds, each once, named `imageN.ext` under `ppt/media/`.
struct MediaCatalog: Sendable {
  struct Entry: Sendable {
    var name: String
    var image: ImageFile
  }

  private var byURL: [String: Entry] = [:]
  private(set) var entries: [Entry] = []

  /// Catalogues `images` (URL as written → image) in a stable order.
  init(images: [String: ImageFile]) {
    var byData: [ImageFile: Entry] = [:]
    for url in images.keys.sorted() {
      let image = images[url]!
      if let known = byData[image] {
        byURL[url] = known
        continue
      }
      let entry = Entry(name: "image\(entries.count + 1).\(image.fileExtension)", image: image)
      entries.append(entry)
      byData[image] = entry
      byURL[url] = entry
    }
  }

  func entry(for url: String) -> Entry? { byURL[url] }
}
