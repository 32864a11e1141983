import Foundation
import ZIPFoundation

/// The parts of a written `.pptx`, read with ZIPFoundation.
struct PackageReading {
  let archive: Archive

  init(_ data: Data) throws { archive = try Archive(data: data, accessMode: .read) }

  var paths: [String] { archive.map(\.path) }

  func text(_ path: String) throws -> String {
    guard let entry = archive[path] else { throw Missing(path: path) }
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
  }

  struct Missing: Error { var path: String }
}
