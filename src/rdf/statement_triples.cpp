// Subjects, predicate-object lists, objects, blank nodes and collections, read as Serd reads
// them (see statement_scanner.hpp).
#include "rdf/statement_scanner.hpp"

#include <fmt/format.h>

#include "rdf/turtle_chars.hpp"

namespace cae::rdf::detail {
namespace {

constexpr int eof = TurtleLexer::end_of_input;

// One level of nesting, for as long as a blank node or collection is being read.
class NestingLevel {
 public:
  explicit NestingLevel(unsigned& depth) : depth_{depth} { ++depth_; }
  NestingLevel(const NestingLevel&) = delete;
  NestingLevel& operator=(const NestingLevel&) = delete;
  ~NestingLevel() { --depth_; }

 private:
  unsigned& depth_;
};

}  // namespace

void StatementScanner::emit(const Node& s, const Node& p, const Node& o) {
  scan_.statements.push_back(ScannedStatement{s.term, p.term, o.term});
}

// Past max_nesting the scan stops where it is, before the recursion that would overflow Serd's
// stack.
ScanStatus StatementScanner::refuse_deep_nesting() {
  return lexer_.refuse(lexer_.here(), fmt::format("blank nodes and collections are nested more "
                                                  "than {} levels deep here",
                                                  max_nesting));
}

ScanStatus StatementScanner::read_subject(Node& subject, int& opener, std::string* name) {
  opener = lexer_.peek();
  bool ate_dot = false;
  ScanStatus status = ScanStatus::ok;
  switch (opener) {
    case '[':
      read_anon(Context{}, true, subject, name);  // Serd ignores how a subject `[` ends
      break;
    case '(':
      status = read_collection(Context{}, subject);
      break;
    case '_':
      subject = node_here(TermKind::blank);
      status = lexer_.blank_label(ate_dot);
      break;
    default:
      subject = node_here(TermKind::iri);
      status = lexer_.iri(ate_dot, name);
  }
  return ate_dot ? lexer_.fail() : status;
}

ScanStatus StatementScanner::read_triples(const Context& ctx, bool& ate_dot) {
  ScanStatus status = ScanStatus::failure;
  if (ctx.subject.present) {
    lexer_.skip_ws();
    if (lexer_.peek() == '.') {
      lexer_.skip();
      ate_dot = true;
      return ScanStatus::failure;
    }
    if (lexer_.peek() == '}') return ScanStatus::failure;
    status = read_predicate_object_list(ctx, ate_dot);
  }
  return status == ScanStatus::error ? ScanStatus::error : ScanStatus::ok;
}

ScanStatus StatementScanner::read_predicate_object_list(Context ctx, bool& ate_dot) {
  ScanStatus status = ScanStatus::ok;
  while (!lexer_.failed() && (status = read_verb(ctx.predicate)) == ScanStatus::ok) {
    lexer_.skip_ws();
    if ((status = read_object_list(ctx, ate_dot)) != ScanStatus::ok) break;
    if (ate_dot) return ScanStatus::ok;
    bool ate_semicolon = false;
    int c = 0;
    do {
      lexer_.skip_ws();
      c = lexer_.peek();
      if (c == eof) return lexer_.fail();
      if (c == '.' || c == ']' || c == '}') return ScanStatus::ok;
      if (c == ';') {
        lexer_.skip();
        ate_semicolon = true;
      }
    } while (c == ';');
    if (!ate_semicolon) return lexer_.fail();
  }
  return status;
}

ScanStatus StatementScanner::read_verb(Node& predicate) {
  predicate = node_here(TermKind::iri);
  if (lexer_.peek() == '<') return lexer_.iri_ref(nullptr);
  std::string name;
  const ScanStatus prefix = lexer_.name_prefix(name);
  const int next = lexer_.peek();
  if (prefix == ScanStatus::ok && name == "a" && next != ':' &&
      !is_name_start_code(static_cast<std::uint32_t>(next))) {
    return ScanStatus::ok;  // `a`, Serd's rdf:type; a byte that starts a name would continue it
  }
  bool ate_dot = false;
  if (prefix == ScanStatus::error || lexer_.prefixed_name(false, ate_dot, name) != ScanStatus::ok ||
      ate_dot) {
    return lexer_.fail();
  }
  return ScanStatus::ok;
}

ScanStatus StatementScanner::read_object_list(const Context& ctx, bool& ate_dot) {
  ScanStatus status = read_object(ctx, true, ate_dot, nullptr);
  if (status != ScanStatus::ok) return status;
  if (!lexer_.fancy() && lexer_.peek_delim(',')) return lexer_.fail();
  while (!ate_dot && !lexer_.failed() && lexer_.eat_delim(',')) {
    status = read_object(ctx, true, ate_dot, nullptr);
  }
  return status;
}

// With `emitting` false (N-Quads) the object is handed back in `kept` instead of being emitted.
ScanStatus StatementScanner::read_object(const Context& ctx, bool emitting, bool& ate_dot,
                                         Node* kept) {
  const int c = lexer_.peek();
  if (!lexer_.fancy() && c != '"' && c != ':' && c != '<' && c != '_') return lexer_.fail();
  Node object = node_here(TermKind::literal);
  bool simple = ctx.subject.present;  // `[` and `(` emit their own statements
  ScanStatus status = ScanStatus::failure;
  switch (c) {
    case eof:
    case ')':
      return lexer_.fail();
    case '[':
      simple = false;
      status = read_anon(ctx, false, object, nullptr);
      break;
    case '(':
      simple = false;
      status = read_collection(ctx, object);
      break;
    case '_':
      object.term.kind = TermKind::blank;
      status = lexer_.blank_label(ate_dot);
      break;
    case '<':
    case ':':
      object.term.kind = TermKind::iri;
      status = lexer_.iri(ate_dot, nullptr);
      break;
    case '"':
    case '\'':
      status = lexer_.literal(ate_dot);
      break;
    default:
      object.term.number = c == '+' || c == '-' || c == '.' || is_digit(c);
      status = object.term.number ? lexer_.number(ate_dot) : read_boolean_or_name(object, ate_dot);
  }
  if (status == ScanStatus::ok && emitting && simple) emit(ctx.subject, ctx.predicate, object);
  if (status == ScanStatus::ok && !emitting && kept != nullptr) *kept = object;
  return status;
}

// An object that starts like a name: `true`, `false` or a prefixed name. Serd decides by the
// letters before anything else.
ScanStatus StatementScanner::read_boolean_or_name(Node& object, bool& ate_dot) {
  std::string name;
  while (lexer_.name_start_char(&name) == ScanStatus::ok) {
  }
  if (name == "true" || name == "false") return ScanStatus::ok;
  object.term.kind = TermKind::iri;
  if (lexer_.name_prefix_tail(name) == ScanStatus::error) return ScanStatus::error;
  if (lexer_.prefixed_name(false, ate_dot, name) != ScanStatus::ok) return lexer_.fail();
  return ScanStatus::ok;
}

// `[ … ]`, located at its bracket. As an object it is emitted before its own statements. `name`
// receives the text of an N3 `[ == <iri> ; … ]` name, which Serd matches against keywords.
ScanStatus StatementScanner::read_anon(Context ctx, bool as_subject, Node& node,
                                       std::string* name) {
  node = node_here(TermKind::blank);
  const NestingLevel level{depth_};
  if (depth_ > max_nesting) return refuse_deep_nesting();
  lexer_.skip();  // '['
  const bool empty = lexer_.peek_delim(']');
  if (as_subject) anon_subject_flagged_ = true;
  if (!empty && lexer_.peek_delim('=')) {
    if (read_blank_name(node, name) != ScanStatus::ok || !lexer_.eat_delim(';')) {
      return ScanStatus::error;  // no message from Serd: it goes on from here
    }
  }
  if (ctx.subject.present) emit(ctx.subject, ctx.predicate, node);
  ctx.subject = node;
  if (!empty) {
    bool ate_dot_inside = false;
    read_predicate_object_list(ctx, ate_dot_inside);  // Serd ignores its status
    if (ate_dot_inside) return lexer_.fail();
    lexer_.skip_ws();
    if (as_subject) anon_subject_flagged_ = false;
  }
  return lexer_.eat(']') ? ScanStatus::ok : ScanStatus::error;
}

ScanStatus StatementScanner::read_blank_name(Node& node, std::string* name) {
  lexer_.skip();  // '='
  if (!lexer_.eat('=')) return ScanStatus::error;
  lexer_.skip_ws();
  bool ate_dot = false;
  lexer_.iri(ate_dot, name);  // Serd keeps whatever it read, even half a name
  if (lexer_.failed()) return ScanStatus::error;
  node.term.kind = TermKind::iri;
  return ScanStatus::ok;
}

// `( … )`, located at its parenthesis; `()` is rdf:nil. As an object it is emitted first, then
// for each member: `node rdf:first member`, the member's own statements, `node rdf:rest next`.
ScanStatus StatementScanner::read_collection(Context ctx, Node& node) {
  node = node_here(TermKind::blank);
  const NestingLevel level{depth_};
  if (depth_ > max_nesting) return refuse_deep_nesting();
  lexer_.skip();  // '('
  const bool empty = lexer_.peek_delim(')');
  if (empty) node.term.kind = TermKind::iri;
  if (ctx.subject.present) emit(ctx.subject, ctx.predicate, node);
  const ScanStatus status = empty ? ScanStatus::ok : read_collection_members(ctx, node);
  if (status != ScanStatus::ok) return status;
  return lexer_.eat(')') ? ScanStatus::ok : ScanStatus::error;
}

// Reads the members up to, not including, the `)`.
ScanStatus StatementScanner::read_collection_members(Context ctx, Node list) {
  ctx.subject = list;
  while (!lexer_.failed() && !lexer_.peek_delim(')')) {
    const Node member_predicate = node_here(TermKind::iri);
    ctx.predicate = member_predicate;
    bool ate_dot = false;
    const ScanStatus status = read_object(ctx, true, ate_dot, nullptr);
    // A member that swallowed a '.' ends the list without its rdf:rest, as in Serd.
    if (status != ScanStatus::ok || ate_dot) return status;
    const bool last = lexer_.peek_delim(')');
    const Node rest = node_here(last ? TermKind::iri : TermKind::blank);
    emit(ctx.subject, member_predicate, rest);
    ctx.subject = rest;
  }
  return ScanStatus::ok;
}

}  // namespace cae::rdf::detail
