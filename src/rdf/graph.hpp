// The merged pipeline graph: every triple of the entry document, its imports and the bundled
// vocabularies, with the source position of each term as written (spec/vocabulary.md §2).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rdf/term.hpp"

namespace cae::rdf {

class Graph {
 public:
  Graph();
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Interns a term. Interning is cheap and idempotent; the term lives as long as the graph.
  // IRIs must be absolute: a relative one gives no term.
  Term iri(std::string_view iri);
  Term blank(std::string_view label);
  Term literal(std::string_view lexical, Term datatype = {}, std::string_view lang = {});
  // Looks an IRI up without interning it: no term when the graph has never seen it.
  [[nodiscard]] Term find_iri(std::string_view iri) const;

  // Adds a statement with the positions of its terms. A statement already present keeps its
  // first position; returns false then, and for a missing term.
  bool add(Term s, Term p, Term o, const TriplePos& pos);

  // Every statement matching the pattern (a default Term is a wildcard), in source order:
  // file load order, then line, then column of the object.
  [[nodiscard]] std::vector<Triple> match(Term s, Term p, Term o) const;
  // Objects of (s, p) in value order; subjects of (?, p, o) by source position.
  [[nodiscard]] std::vector<Term> objects(Term s, Term p) const;
  [[nodiscard]] std::vector<Term> subjects(Term p, Term o) const;
  [[nodiscard]] Term object(Term s, Term p) const;  // the first, or no term
  [[nodiscard]] bool contains(Term s, Term p, Term o) const;
  [[nodiscard]] bool has_subject(Term s) const;
  // Where a statement was written (nullptr when it is not in the graph).
  [[nodiscard]] const TriplePos* position(Term s, Term p, Term o) const;
  // Where a node is first written as a subject (its `[` when blank), else as an object.
  [[nodiscard]] Location first_position(Term node) const;

  // Display label of a blank node: `_:bN`, N counting blank nodes in order of first appearance.
  [[nodiscard]] std::string blank_label(Term blank) const;
  [[nodiscard]] std::size_t size() const;
  // Every statement, in load order.
  [[nodiscard]] const std::vector<Triple>& statements() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cae::rdf
