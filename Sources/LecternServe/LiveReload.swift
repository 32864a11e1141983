import Foundation
import LecternMarkdown

/// The live-reload client and the problems overlay, added to every page the server renders.
enum LiveReload {
  /// The path of the server-sent-event stream the client listens to.
  static let eventsPath = "/__lectern/events"

  /// `page` with the overlay (when it has problems) and the reload client inserted before `</body>`.
  static func inject(_ page: SitePage) -> String {
    var extra = ""
    if !page.problems.isEmpty {
      extra +=
        "<div class=\"lectern-serve-problems\" role=\"alert\" style=\"position:fixed;left:12px;right:12px;bottom:12px;"
        + "z-index:1000;background:#3b0a0a;color:#fff;font:14px/1.45 monospace;padding:10px 14px;border-radius:8px;"
        + "max-height:40vh;overflow:auto;white-space:pre-wrap\">"
        + page.problems.map(HTMLEscaping.escape).joined(separator: "\n") + "</div>\n"
    }
    extra += client
    var html = page.html
    if let end = html.range(of: "</body>", options: .backwards) {
      html.insert(contentsOf: extra, at: end.lowerBound)
    } else {
      html += extra
    }
    return html
  }

  /// Reloads the page (the URL keeps its `#slide`) when the site's version differs from the first one seen.
  private static let client = """
    <script id="lectern-live-reload">
    (function () {
      if (!window.EventSource) return;
      var first = null;
      var source = new EventSource('\(eventsPath)');
      source.onmessage = function (e) {
        if (first === null) { first = e.data; return; }
        if (e.data !== first) location.reload();
      };
    })();
    </script>

    """
}
