// How diagnostics print terms (spec/arguments.md §5): IRIs below the entry document's directory
// as `<name>`, others with a prefix of the entry file, else in full; blank nodes as `_:bN`;
// literals in Turtle form.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rdf/graph.hpp"

namespace cae::resolve {

class Naming {
 public:
  // `prefixes` are the entry file's (name, namespace IRI) pairs. The graph must outlive this.
  Naming(const rdf::Graph& graph, std::string_view entry_iri,
         std::vector<std::pair<std::string, std::string>> prefixes);

  [[nodiscard]] std::string iri(std::string_view iri) const;
  // Any term: an IRI as iri() prints it, a blank node as _:bN, a literal in Turtle form.
  [[nodiscard]] std::string term(rdf::Term term) const;
  // The id of a processor or channel as inspect prints it: the absolute IRI or _:bN.
  [[nodiscard]] std::string id(rdf::Term node) const;
  // The absolute IRI an operator wrote on the command line, the inverse of iri(): `<name>` or
  // `name` relative to the entry document's directory, `#frag` relative to the entry document,
  // `pfx:local` with a prefix of the entry file, or an absolute IRI.
  [[nodiscard]] std::string expand(std::string_view written) const;

 private:
  [[nodiscard]] std::string literal(rdf::Term literal) const;

  const rdf::Graph& graph_;
  std::string entry_iri_;
  std::string entry_dir_;  // the entry document IRI up to and including its last '/'
  std::vector<std::pair<std::string, std::string>> prefixes_;
};

// "a" or "an" followed by `noun`, for messages such as "expected an xsd:integer".
std::string with_article(std::string_view noun);

// A literal's lexical form as a Turtle string: quoted, with quotes and controls escaped.
std::string turtle_string(std::string_view text);

}  // namespace cae::resolve
