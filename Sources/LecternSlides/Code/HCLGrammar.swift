/// A highlight.js language definition for HCL (Terraform, Packer, Nomad), which Debian's highlight.js
/// 9.18 does not ship: blocks with quoted labels, attributes, strings with `${…}` interpolation,
/// heredocs, numbers, `#`, `//` and `/* */` comments. Written in highlight.js's own grammar format;
/// highlight.js does the highlighting.
enum HCLGrammar {
  static let javaScript = """
    module.exports = function (hljs) {
      var INTERPOLATION = { className: 'subst', begin: /\\$\\{/, end: /\\}/, keywords: { literal: 'true false null' } };
      var STRING = { className: 'string', begin: '"', end: '"', contains: [hljs.BACKSLASH_ESCAPE, INTERPOLATION] };
      var HEREDOC = { className: 'string', begin: /<<-?\\s*([A-Z_]+)/, end: /^\\s*[A-Z_]+\\s*$/, contains: [INTERPOLATION] };
      INTERPOLATION.contains = [STRING, hljs.C_NUMBER_MODE];
      return {
        aliases: ['terraform', 'tf', 'tfvars'],
        keywords: {
          keyword: 'resource data variable output module provider locals terraform for in if for_each count dynamic ' +
            'content lifecycle depends_on backend required_providers moved import check',
          literal: 'true false null',
          built_in: 'string number bool list map set object tuple any'
        },
        contains: [
          hljs.HASH_COMMENT_MODE, hljs.C_LINE_COMMENT_MODE, hljs.C_BLOCK_COMMENT_MODE,
          HEREDOC, STRING,
          { className: 'attr', begin: /[A-Za-z_][\\w-]*(?=\\s*=[^=])/ },
          hljs.C_NUMBER_MODE
        ]
      };
    };
    """
}
