import Foundation
import ZIPFoundation

/// The parts of an Office Open XML package, zipped with ZIPFoundation (`[Content_Types].xml` first).
struct PackageArchive {
  private(set) var parts: [(path: String, data: Data)] = []

  mutating func add(_ path: String, xml: String) { parts.append((path, Data(xml.utf8))) }

  mutating func add(_ path: String, data: Data) { parts.append((path, data)) }

  /// The package as ZIP bytes (deflated; media stored as is).
  func zipped() throws -> Data {
    let archive = try Archive(accessMode: .create)
    let sorted = parts.sorted { a, b in (a.path == "[Content_Types].xml" ? 0 : 1) < (b.path == "[Content_Types].xml" ? 0 : 1) }
    for part in sorted {
      let compression: CompressionMethod = part.path.hasPrefix("ppt/media/") ? .none : .deflate
      try archive.addEntry(
        with: part.path, type: .file, uncompressedSize: Int64(part.data.count), modificationDate: Self.epoch,
        compressionMethod: compression
      ) { position, size in
        part.data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let data = archive.data else { throw ExportError.archive("the zip archive could not be finished") }
    return data
  }

  /// A fixed modification date: the same deck gives the same bytes.
  private static let epoch = Date(timeIntervalSince1970: 1_577_836_800)
}
