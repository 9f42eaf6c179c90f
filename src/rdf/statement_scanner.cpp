// Documents, directives and graphs, read as Serd reads them (see statement_scanner.hpp).
#include "rdf/statement_scanner.hpp"

#include <algorithm>
#include <cctype>

namespace cae::rdf::detail {
namespace {

constexpr int eof = TurtleLexer::end_of_input;

bool is_fancy(Syntax syntax) { return syntax == Syntax::turtle || syntax == Syntax::trig; }

// Serd recognises SPARQL-style keywords by the whole text of the subject it read, in any case.
bool is_keyword(const std::string& text, std::string_view keyword) {
  return std::equal(text.begin(), text.end(), keyword.begin(), keyword.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

}  // namespace

StatementScanner::StatementScanner(std::string_view text, Syntax syntax, std::uint32_t file)
    : lexer_{text, file, is_fancy(syntax)}, syntax_{syntax} {}

StatementScan StatementScanner::run() {
  if (lexer_.skip_byte_order_mark() == ScanStatus::ok) {
    if (syntax_ == Syntax::nquads) {
      read_nquads_document();
    } else {
      read_turtle_document();
    }
  }
  scan_.refusal = lexer_.take_refusal();
  return std::move(scan_);
}

void StatementScanner::read_turtle_document() {
  while (!lexer_.at_end()) {
    const std::size_t start = lexer_.offset();
    const ScanStatus status = read_statement();
    if (status == ScanStatus::error || lexer_.failed()) return;
    if (lexer_.offset() == start) return;  // Serd never stalls; should this scan, stop
  }
}

ScanStatus StatementScanner::read_statement() {
  anon_subject_flagged_ = false;
  lexer_.skip_ws();
  switch (lexer_.peek()) {
    case 0:
      lexer_.skip();  // Serd skips a NUL byte between statements
      return ScanStatus::failure;
    case eof:
      return ScanStatus::failure;
    case '@':
      if (!lexer_.fancy() || read_directive() != ScanStatus::ok) return lexer_.fail();
      break;
    case '{':
      if (syntax_ != Syntax::trig || read_wrapped_graph() != ScanStatus::ok) return lexer_.fail();
      break;
    default:
      return read_triples_statement();
  }
  lexer_.skip_ws();
  return ScanStatus::ok;
}

ScanStatus StatementScanner::read_triples_statement() {
  Context ctx;
  int opener = 0;
  std::string name;
  if (read_subject(ctx.subject, opener, &name) == ScanStatus::error) return ScanStatus::error;
  if (is_keyword(name, "base")) return read_base(true);
  if (is_keyword(name, "prefix")) return read_prefix(true);
  if (is_keyword(name, "graph")) {
    lexer_.skip_ws();
    if (read_graph_label() != ScanStatus::ok) return ScanStatus::error;
    lexer_.skip_ws();
    if (read_wrapped_graph() != ScanStatus::ok) return ScanStatus::error;
    lexer_.skip_ws();
    return ScanStatus::ok;
  }
  if (lexer_.peek_delim('{')) {
    if (opener == '(' || (opener == '[' && !anon_subject_flagged_)) return lexer_.fail();
    if (read_wrapped_graph() != ScanStatus::ok) return ScanStatus::error;
    lexer_.skip_ws();
    return ScanStatus::ok;
  }
  bool ate_dot = false;
  const ScanStatus status = read_triples(ctx, ate_dot);
  if (status == ScanStatus::failure && opener == '[') return ScanStatus::ok;  // `[ … ] .`
  if (status != ScanStatus::ok) return ate_dot ? lexer_.fail() : ScanStatus::error;
  if (ate_dot) return ScanStatus::ok;
  lexer_.skip_ws();
  return lexer_.eat('.') ? ScanStatus::ok : ScanStatus::error;
}

ScanStatus StatementScanner::read_directive() {
  lexer_.skip();  // '@'
  switch (lexer_.peek()) {
    case 'b':
      return lexer_.eat_word("base") == ScanStatus::ok ? read_base(false) : ScanStatus::error;
    case 'p':
      return lexer_.eat_word("prefix") == ScanStatus::ok ? read_prefix(false) : ScanStatus::error;
    default:
      return lexer_.fail();  // also `@BASE` and `@PREFIX`, which Serd refuses
  }
}

// After the keyword; the SPARQL forms take no final dot, and Serd refuses one after BASE.
ScanStatus StatementScanner::read_base(bool sparql) {
  lexer_.skip_ws();
  if (lexer_.iri_ref(nullptr) != ScanStatus::ok) return ScanStatus::error;
  lexer_.skip_ws();
  if (!sparql) return lexer_.eat('.') ? ScanStatus::ok : ScanStatus::error;
  return lexer_.peek() == '.' ? lexer_.fail() : ScanStatus::ok;
}

ScanStatus StatementScanner::read_prefix(bool sparql) {
  lexer_.skip_ws();
  std::string name;
  if (lexer_.name_prefix(name) == ScanStatus::error || !lexer_.eat(':')) return ScanStatus::error;
  lexer_.skip_ws();
  if (lexer_.iri_ref(nullptr) != ScanStatus::ok) return ScanStatus::error;
  if (sparql) return ScanStatus::ok;
  lexer_.skip_ws();
  return lexer_.eat('.') ? ScanStatus::ok : ScanStatus::error;
}

// `{ … }`: a TriG graph, which Serd also reads in Turtle after a graph name or GRAPH.
ScanStatus StatementScanner::read_wrapped_graph() {
  if (!lexer_.eat('{')) return ScanStatus::error;
  lexer_.skip_ws();
  while (lexer_.peek() != '}') {
    Context ctx;
    int opener = 0;
    bool ate_dot = false;
    if (read_subject(ctx.subject, opener, nullptr) != ScanStatus::ok) return lexer_.fail();
    if (read_triples(ctx, ate_dot) != ScanStatus::ok && opener != '[') return lexer_.fail();
    if (lexer_.failed()) return ScanStatus::error;
    if (lexer_.peek_delim('.')) lexer_.skip();
    lexer_.skip_ws();
  }
  lexer_.skip();  // '}'
  return lexer_.peek_delim('.') ? lexer_.fail() : ScanStatus::ok;
}

// The name after GRAPH: `[]`, a blank node label or an IRI.
ScanStatus StatementScanner::read_graph_label() {
  bool ate_dot = false;
  switch (lexer_.peek()) {
    case '[':
      lexer_.skip();
      lexer_.skip_ws();
      return lexer_.eat(']') ? ScanStatus::ok : ScanStatus::error;
    case '_':
      return lexer_.blank_label(ate_dot);
    default:
      return lexer_.iri(ate_dot, nullptr) == ScanStatus::ok ? ScanStatus::ok : lexer_.fail();
  }
}

// N-Quads: one statement per line, with an optional graph term before the dot.
void StatementScanner::read_nquads_document() {
  while (!lexer_.at_end() && !lexer_.failed()) {
    lexer_.skip_ws();
    if (lexer_.peek() == eof) return;
    if (lexer_.peek() == '@') {
      lexer_.fail();
      return;
    }
    if (!read_nquads_statement()) return;
  }
}

bool StatementScanner::read_nquads_statement() {
  Context ctx;
  int opener = 0;
  bool ate_dot = false;
  Node object;
  // Serd stops without a message on a subject that is not a term, and so does the scan.
  if (read_subject(ctx.subject, opener, nullptr) != ScanStatus::ok) return false;
  lexer_.skip_ws();
  ctx.predicate = node_here(TermKind::iri);
  if (lexer_.iri_ref(nullptr) != ScanStatus::ok) return false;
  lexer_.skip_ws();
  if (read_object(ctx, false, ate_dot, &object) != ScanStatus::ok) return false;
  if (!ate_dot) {
    lexer_.skip_ws();
    const int c = lexer_.peek();
    if (c == '_' && lexer_.blank_label(ate_dot) != ScanStatus::ok) return false;
    if (c != '_' && c != '.' && lexer_.iri_ref(nullptr) != ScanStatus::ok) return false;
    lexer_.skip_ws();
    if (!lexer_.eat('.')) return false;
  }
  emit(ctx.subject, ctx.predicate, object);
  return true;
}

}  // namespace cae::rdf::detail
