// The shadow parser behind scan_statements: it follows Serd 0.30.16's reader through the
// structure of a document (statements, predicate-object lists, blank nodes, collections, graphs)
// and records a statement wherever Serd emits one. It keeps Serd's control flow, including the
// statuses Serd ignores, so that on any text Serd accepts both walk the same path. Internal to
// src/rdf.
#pragma once

#include <string>
#include <vector>

#include "rdf/positions.hpp"
#include "rdf/turtle_lexer.hpp"

namespace cae::rdf::detail {

class StatementScanner {
 public:
  StatementScanner(std::string_view text, Syntax syntax, std::uint32_t file);

  StatementScan run();

 private:
  // A term as Serd holds it while reading; `present` mirrors a non-null node reference.
  struct Node {
    ScannedTerm term;
    bool present = false;
  };
  struct Context {
    Node subject;
    Node predicate;
  };

  // Document level (statement_scanner.cpp).
  void read_turtle_document();
  void read_nquads_document();
  bool read_nquads_statement();
  ScanStatus read_statement();
  ScanStatus read_triples_statement();
  ScanStatus read_directive();
  ScanStatus read_base(bool sparql);
  ScanStatus read_prefix(bool sparql);
  ScanStatus read_wrapped_graph();
  ScanStatus read_graph_label();

  // Triples (statement_triples.cpp).
  ScanStatus read_subject(Node& subject, int& opener, std::string* name);
  ScanStatus read_triples(const Context& ctx, bool& ate_dot);
  ScanStatus read_predicate_object_list(Context ctx, bool& ate_dot);
  ScanStatus read_verb(Node& predicate);
  ScanStatus read_object_list(const Context& ctx, bool& ate_dot);
  ScanStatus read_object(const Context& ctx, bool emitting, bool& ate_dot, Node* kept);
  ScanStatus read_boolean_or_name(Node& object, bool& ate_dot);
  ScanStatus read_anon(Context ctx, bool as_subject, Node& node, std::string* name);
  ScanStatus read_blank_name(Node& node, std::string* name);
  ScanStatus read_collection(Context ctx, Node& node);
  ScanStatus read_collection_members(Context ctx, Node list);
  ScanStatus refuse_deep_nesting();

  Node node_here(TermKind kind) const { return Node{ScannedTerm{lexer_.here(), kind}, true}; }
  void emit(const Node& s, const Node& p, const Node& o);

  TurtleLexer lexer_;
  Syntax syntax_;
  StatementScan scan_;
  unsigned depth_ = 0;
  // Serd lets `[] { … }` name a graph, but not `[ … ] { … }`: it tells them apart by the
  // statement flags the subject leaves behind.
  bool anon_subject_flagged_ = false;
};

}  // namespace cae::rdf::detail
