import Foundation

/// Theme CSS files named on the command line (files, or folders of `*.css`), read into a theme set.
public enum ThemeFiles {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The built-in themes plus every file `entries` names; also the files, for watching.
  public static func load(_ entries: [String]) throws -> (themes: ThemeSet, files: [String]) {
    var themes = ThemeSet()
    var files: [String] = []
    for entry in entries {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory) else {
        throw Failure(description: "\(entry): error: no such theme file or folder")
      }
      if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: entry)) ?? []
        files += names.filter { $0.hasSuffix(".css") }.sorted().map { (entry as NSString).appendingPathComponent($0) }
      } else {
        files.append(entry)
      }
    }
    for file in files {
      guard let css = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw Failure(description: "\(file): error: cannot read theme CSS (expected a UTF-8 text file)")
      }
      themes.add(Theme(css: css, path: file))
    }
    return (themes, files)
  }
}
