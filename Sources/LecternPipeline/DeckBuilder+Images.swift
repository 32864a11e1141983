import Foundation
import LecternBrowser
import LecternSlides

extension DeckBuilder {
  /// The images asked for, taken from the built page: `-o NAME.png` (the title slide), `--image` (NAME.png
  /// beside the main product) and `--images` (NAME.001.png… one per slide). Returns the written paths.
  func writeImages(_ job: BuildJob, page: URL, size: SlideSize, slideCount: Int) throws -> [String] {
    guard let output = job.output else { return [] }
    let chromium = try self.chromium ?? Chromium.locate(override: settings.browserPath)
    var shots: [(slide: Int, path: String)] = []
    if job.format.isImage { shots.append((1, output)) }
    if let format = settings.image, !job.format.isImage {
      shots.append((1, BuildPlanner.replacingExtension(output, with: format.extensions[0])))
    }
    if let format = settings.images {
      let base = (output as NSString).deletingPathExtension
      let digits = max(3, String(slideCount).count)
      for slide in 1...max(slideCount, 1) {
        let number = String(repeating: "0", count: max(0, digits - String(slide).count)) + String(slide)
        shots.append((slide, "\(base).\(number).\(format.extensions[0])"))
      }
    }
    let requests = shots.map {
      SlideShot(slide: $0.slide, file: URL(fileURLWithPath: $0.path))
    }
    try chromium.screenshots(
      page: page, width: size.width, height: size.height, scale: settings.imageScale, shots: requests)
    return shots.map(\.path)
  }
}
