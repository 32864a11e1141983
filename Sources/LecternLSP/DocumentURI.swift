import Foundation

/// A document's URI as the editor names it, and the file path behind it when it is a `file:` URI.
public enum DocumentURI {
  /// The local path of a `file:` URI (percent-escapes decoded), `nil` for other schemes (`untitled:`).
  public static func path(of uri: String) -> String? {
    guard let url = URL(string: uri), url.isFileURL else { return nil }
    return url.standardizedFileURL.path
  }

  /// The `file:` URI of a local path, percent-encoded.
  public static func uri(ofPath path: String) -> String {
    URL(fileURLWithPath: path).absoluteString
  }
}
