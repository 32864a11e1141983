import Foundation
import LecternCore

/// `lectern lsp`: a language server over framed JSON-RPC. Diagnostics as the document changes (from the same
/// ``Linter`` as `lectern lint`), quick fixes from the rules' fixes, and hover on Marp directives.
///
/// One thread reads, handles and answers messages in order. The server never prints: it writes protocol
/// messages through its ``MessageWriter`` and hands anything for a human to `log` (the command sends it to
/// standard error).
public final class LanguageServer {
  var documents: [String: OpenDocument] = [:]
  private var initialized = false
  private(set) var shutdownRequested = false
  private let writer: MessageWriter
  let log: (String) -> Void
  /// The last configuration problem shown, so a broken `.lectern.yml` is announced once, not on every keystroke.
  var shownConfigurationProblem: String?

  public static let version = LecternInfo.version

  public init(writer: MessageWriter, log: @escaping (String) -> Void) {
    self.writer = writer
    self.log = log
  }

  /// Serves until `exit` or the end of the input. Returns the exit status the protocol asks for: 0 after a
  /// `shutdown` request, 1 otherwise (the client went away or exited without shutting down).
  public func run(reader: inout MessageReader) -> Int32 {
    while true {
      let body: Data?
      do {
        body = try reader.next()
      } catch {
        log("lectern lsp: \(error)")
        return 1
      }
      guard let body else { return shutdownRequested ? 0 : 1 }
      if let status = handle(body) { return status }
    }
  }

  private struct Envelope: Decodable {
    var id: JSONValue?
    var method: String?
  }

  /// Handles one message; returns an exit status when the message was `exit`.
  func handle(_ body: Data) -> Int32? {
    guard let envelope = try? JSONDecoder().decode(Envelope.self, from: body) else {
      respond(id: .null, error: LSP.ResponseError(code: LSP.ResponseError.parseError, message: "message is not JSON-RPC"))
      return nil
    }
    // A response to a request of ours (the server sends none that need one).
    guard let method = envelope.method else { return nil }
    if let id = envelope.id {
      request(method, id: id, body: body)
      return nil
    }
    if method == "exit" { return shutdownRequested ? 0 : 1 }
    if initialized { notification(method, body: body) }
    return nil
  }

  private func request(_ method: String, id: JSONValue, body: Data) {
    if method != "initialize" && !initialized {
      return respond(id: id, error: .init(code: LSP.ResponseError.serverNotInitialized, message: "initialize first"))
    }
    if shutdownRequested {
      return respond(id: id, error: .init(code: LSP.ResponseError.invalidRequest, message: "'\(method)' after shutdown"))
    }
    do {
      switch method {
      case "initialize":
        initialized = true
        respond(id: id, result: Self.initializeResult)
      case "shutdown":
        shutdownRequested = true
        respond(id: id, result: nil)
      case "textDocument/codeAction":
        respond(id: id, result: try codeActions(params(LSP.CodeActionParams.self, body)))
      case "textDocument/hover":
        respond(id: id, result: try hover(params(LSP.TextDocumentPositionParams.self, body)))
      default:
        respond(id: id, error: .init(code: LSP.ResponseError.methodNotFound, message: "'\(method)' is not supported"))
      }
    } catch let error as LSP.ResponseError {
      respond(id: id, error: error)
    } catch {
      respond(id: id, error: .init(code: LSP.ResponseError.invalidParams, message: "\(error)"))
    }
  }

  private func notification(_ method: String, body: Data) {
    do {
      switch method {
      case "textDocument/didOpen": didOpen(try params(LSP.DidOpenParams.self, body))
      case "textDocument/didChange": didChange(try params(LSP.DidChangeParams.self, body))
      case "textDocument/didSave": didSave(try params(LSP.DidSaveParams.self, body))
      case "textDocument/didClose": didClose(try params(LSP.DidCloseParams.self, body))
      default: break  // initialized, $/cancelRequest, $/setTrace, workspace/didChange…: nothing to do
      }
    } catch {
      log("lectern lsp: '\(method)' has parameters this server cannot read: \(error)")
    }
  }

  /// What the server offers: full-text sync with open/close/save, quick fixes (and fix all), hover.
  static let initializeResult: JSONValue = .object([
    "capabilities": .object([
      "positionEncoding": .string("utf-16"),
      "textDocumentSync": .object([
        "openClose": .bool(true), "change": .number(1), "save": .object(["includeText": .bool(true)]),
      ]),
      "codeActionProvider": .object([
        "codeActionKinds": .array([.string(quickFixKind), .string(fixAllKind)])
      ]),
      "hoverProvider": .bool(true),
    ]),
    "serverInfo": .object(["name": .string("lectern"), "version": .string(version)]),
  ])

  static let quickFixKind = "quickfix"
  static let fixAllKind = "source.fixAll.lectern"

  private struct Params<P: Decodable>: Decodable { var params: P }

  private func params<P: Decodable>(_ type: P.Type, _ body: Data) throws -> P {
    try JSONDecoder().decode(Params<P>.self, from: body).params
  }

  // Writing.

  private struct Outgoing: Encodable {
    var id: JSONValue?
    var method: String?
    var params: (any Encodable)?
    var result: (any Encodable)?
    var error: LSP.ResponseError?
    var isResponse: Bool

    enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params, result, error }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("2.0", forKey: .jsonrpc)
      if isResponse {
        try c.encode(id ?? .null, forKey: .id)
        if let error {
          try c.encode(error, forKey: .error)
        } else if let result {
          try result.encode(to: c.superEncoder(forKey: .result))
        } else {
          try c.encodeNil(forKey: .result)
        }
      } else {
        try c.encode(method, forKey: .method)
        if let params { try params.encode(to: c.superEncoder(forKey: .params)) }
      }
    }
  }

  func respond(id: JSONValue, result: (any Encodable)?) {
    send(Outgoing(id: id, result: result, isResponse: true))
  }

  func respond(id: JSONValue, error: LSP.ResponseError) {
    send(Outgoing(id: id, error: error, isResponse: true))
  }

  func notify(_ method: String, _ params: some Encodable) {
    send(Outgoing(method: method, params: params, isResponse: false))
  }

  private func send(_ message: Outgoing) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      writer.write(try encoder.encode(message))
    } catch {
      log("lectern lsp: cannot encode a message: \(error)")
    }
  }
}
