import Foundation
import LecternBrowser
import LecternCore
import LecternSlides

extension DeckBuilder {
  /// The pictures asked for of one deck: `-o NAME.png` (the title slide), `--image` (NAME.png beside the main
  /// product) and `--images` (NAME.001.png… one per slide); `nil` when none is.
  func pictures(_ job: BuildJob, built: BuiltDeck) -> (pictures: SlidePictures, paths: [String])? {
    guard let output = job.output else { return nil }
    var shots: [SlideShot] = []
    var paths: [String] = []
    func shot(_ slide: Int, _ path: String) {
      shots.append(SlideShot(slide: slide, file: URL(fileURLWithPath: path)))
      paths.append(path)
    }
    if job.format.isImage { shot(1, output) }
    if let format = settings.image, !job.format.isImage {
      shot(1, BuildPlanner.replacingExtension(output, with: format.extensions[0]))
    }
    if let format = settings.images {
      let base = (output as NSString).deletingPathExtension
      let digits = max(3, String(built.slideCount).count)
      for slide in 1...max(built.slideCount, 1) {
        let number = String(repeating: "0", count: max(0, digits - String(slide).count)) + String(slide)
        shot(slide, "\(base).\(number).\(format.extensions[0])")
      }
    }
    guard !shots.isEmpty else { return nil }
    // The page's URLs are relative to where the main product is written.
    let pictures = SlidePictures(
      html: built.html, baseURL: URL(fileURLWithPath: output).deletingLastPathComponent(), width: built.size.width,
      height: built.size.height, scale: settings.imageScale, shots: shots)
    return (pictures, paths)
  }

  /// Takes every deck's pictures through one headless Chromium; a deck whose pictures fail gets an error
  /// (status 2) naming them.
  func takePictures(_ outcomes: inout [Outcome]) {
    let wanted = outcomes.indices.filter { outcomes[$0].pictures != nil }
    guard let first = wanted.first else { return }
    let results: [Result<Void, Error>]
    do {
      let chromium = try self.chromium ?? Chromium.locate(override: settings.browserPath)
      results = try SlidePictures.takeBlocking(wanted.map { outcomes[$0].pictures! }, chromium: chromium)
    } catch {
      outcomes[first].messages.append("error: no slide pictures taken: \(error)")
      for index in wanted { outcomes[index].status = max(outcomes[index].status, 2) }
      return
    }
    for (index, result) in zip(wanted, results) {
      let files = outcomes[index].pictures!.shots.map(\.file.relativePath)
      outcomes[index].pictures = nil
      if case .failure(let error) = result {
        outcomes[index].messages.append("\(files[0]): error: slide pictures not taken: \(error)")
        outcomes[index].status = max(outcomes[index].status, 2)
      }
    }
  }
}
