import Foundation

/// One slide to take a picture of (1-based) and the file to write it to; `.png`, `.jpg` or `.jpeg` picks the format.
public struct SlideShot: Sendable, Hashable {
  public var slide: Int
  public var file: URL

  public init(slide: Int, file: URL) {
    self.slide = slide
    self.file = file
  }
}

extension Chromium {
  /// Pictures of slides of `page`, each at the slide's size times `scale`, written atomically. The page is
  /// opened in its audience view at `#N` (the slide fills a window of the slide's size) with `?shot`, which
  /// hides the viewer's controls. Chromium's command line takes one picture a run.
  public func screenshots(page: URL, width: Int, height: Int, scale: Double, shots: [SlideShot], timeoutSeconds: Int = 120)
    throws
  {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    for shot in shots {
      let folder = shot.file.deletingLastPathComponent()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let ext = shot.file.pathExtension.lowercased() == "png" ? "png" : "jpeg"
      let temp = folder.appendingPathComponent(
        ".\(shot.file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(ext)")
      defer { try? FileManager.default.removeItem(at: temp) }
      var components = URLComponents(url: page.standardizedFileURL, resolvingAgainstBaseURL: false)!
      components.query = "shot"
      components.fragment = String(shot.slide)
      let arguments = [
        "--window-size=\(width),\(height)", "--force-device-scale-factor=\(scale)", "--virtual-time-budget=5000",
        "--run-all-compositor-stages-before-draw", "--screenshot=\(temp.path)", components.url!.absoluteString,
      ]
      let (status, text) = try runHeadless(arguments, profile: profile, timeoutSeconds: timeoutSeconds)
      let size = (try? FileManager.default.attributesOfItem(atPath: temp.path)[.size] as? Int) ?? 0
      guard status == 0, size > 0 else { throw Failure.failed(status: status, output: text) }
      if rename(temp.path, shot.file.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: shot.file.path])
      }
    }
  }
}
