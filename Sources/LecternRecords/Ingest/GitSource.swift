import Foundation
import LecternDORA

/// Reads changes and deployments from a git repository through the `git` command.
///
/// Every commit is a change (committed at its committer date). Every tag matching `tagGlob` is a
/// successful production deployment at the tagger date of an annotated tag, else the commit's
/// committer date, shipping the commits reachable from it and not from the previous matching tag.
/// The oldest matching tag is a baseline: it ships nothing.
public struct GitSource: Sendable {
  public var repository: String
  public var tagGlob: String
  /// The service every record gets (default: the repository folder's name).
  public var service: String

  public init(repository: String, tagGlob: String, service: String? = nil) {
    self.repository = repository
    self.tagGlob = tagGlob
    self.service = service ?? URL(fileURLWithPath: repository).standardizedFileURL.lastPathComponent
  }

  public func read() throws -> RecordBatch {
    var batch = RecordBatch()
    let log = try git(["log", "--all", "--format=%H%x09%cI"])
    for (index, line) in log.split(separator: "\n").enumerated() {
      let parts = line.split(separator: "\t")
      guard parts.count == 2, let date = Timestamp(rfc3339: parts[1]) else {
        throw IngestError(
          file: repository, line: index + 1, field: "git log",
          message: "unexpected output '\(line)'; expected '<sha>\\t<ISO date>'")
      }
      batch.changes.append(Change(sha: String(parts[0]), service: service, committedAt: date))
    }
    let refs = try git([
      "for-each-ref", "--format=%(refname:short)%09%(objecttype)%09%(taggerdate:iso-strict)%09%(*objectname)%09%(objectname)",
      "refs/tags/\(tagGlob)",
    ])
    struct Tag {
      var name: String
      var commit: String
      var date: Timestamp
    }
    var tags: [Tag] = []
    for line in refs.split(separator: "\n") {
      let p = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard p.count == 5 else { continue }
      let annotated = p[1] == "tag"
      let commit = annotated ? p[3] : p[4]
      let dateText =
        annotated ? p[2] : try git(["log", "-1", "--format=%cI", commit]).trimmingCharacters(in: .whitespacesAndNewlines)
      guard let date = Timestamp(rfc3339: dateText) else {
        throw IngestError(file: repository, line: nil, field: "tag \(p[0])", message: "date '\(dateText)' is not RFC 3339")
      }
      tags.append(Tag(name: p[0], commit: commit, date: date))
    }
    guard !tags.isEmpty else {
      let all = try git(["tag", "--list"]).split(separator: "\n").map(String.init)
      let some = all.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (all.count > 10 ? ", …" : "")
      throw IngestError(
        file: repository, line: nil, field: "--deploy-tags",
        message: "no tag matches '\(tagGlob)'; expected a glob matching deployment tags"
          + (all.isEmpty ? " (the repository has no tags)" : " (the repository has \(some))"))
    }
    tags.sort { ($0.date, $0.name) < ($1.date, $1.name) }
    for (i, tag) in tags.enumerated() {
      var commits: [String] = []
      if i > 0 {
        commits = try git(["rev-list", tag.commit, "^" + tags[i - 1].commit]).split(separator: "\n").map(String.init)
      }
      batch.deployments.append(Deployment(id: "tag:\(tag.name)", service: service, finishedAt: tag.date, commits: commits))
    }
    return batch
  }

  private func git(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", repository] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do {
      try process.run()
    } catch {
      throw IngestError(file: repository, line: nil, field: nil, message: "cannot run git: \(error.localizedDescription)")
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw IngestError(file: repository, line: nil, field: nil, message: "git \(arguments.first ?? "") failed: \(message)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
