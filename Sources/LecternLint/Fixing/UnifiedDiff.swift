/// A unified diff of two texts (3 lines of context), for `--diff`.
public enum UnifiedDiff {
  public static func diff(old: String, new: String, path: String) -> String {
    func lines(_ text: String) -> [String] {
      var l = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if text.hasSuffix("\n") { l.removeLast() }
      return l
    }
    let a = lines(old)
    let b = lines(new)
    // Trim the common prefix and suffix; fixes are local, so the middle is small.
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
    let midA = Array(a[prefix..<(a.count - suffix)])
    let midB = Array(b[prefix..<(b.count - suffix)])
    // Line edit script by longest common subsequence.
    enum Op { case same(String), del(String), add(String) }
    var ops: [Op] = []
    let n = midA.count
    let m = midB.count
    if n * m <= 4_000_000 {
      var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
      for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
          lcs[i][j] = midA[i] == midB[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < n || j < m {
        if i < n, j < m, midA[i] == midB[j] {
          ops.append(.same(midA[i]))
          i += 1
          j += 1
        } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
          ops.append(.del(midA[i]))
          i += 1
        } else {
          ops.append(.add(midB[j]))
          j += 1
        }
      }
    } else {
      ops = midA.map { .del($0) } + midB.map { .add($0) }
    }
    guard ops.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
    // One hunk with up to 3 lines of context around the changed middle.
    let before = a[max(0, prefix - 3)..<prefix]
    let after = a[(a.count - suffix)..<min(a.count, a.count - suffix + 3)]
    var body: [String] = before.map { " " + $0 }
    var oldCount = before.count + after.count
    var newCount = before.count + after.count
    for op in ops {
      switch op {
      case .same(let s):
        body.append(" " + s)
        oldCount += 1
        newCount += 1
      case .del(let s):
        body.append("-" + s)
        oldCount += 1
      case .add(let s):
        body.append("+" + s)
        newCount += 1
      }
    }
    body.append(contentsOf: after.map { " " + $0 })
    let start = max(0, prefix - 3)
    return "--- \(path)\n+++ \(path) (fixed)\n@@ -\(start + 1),\(oldCount) +\(start + 1),\(newCount) @@\n"
      + body.joined(separator: "\n") + "\n"
  }
}
