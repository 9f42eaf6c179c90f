// Serves an rdf::Graph to Rasqal as the whole dataset of a query, through a custom triples
// source factory: patterns are matched with Graph::match, so solutions come in source order and
// every matched node maps back to its term (and so to its source position).
#pragma once

#include <string>
#include <unordered_map>

#include "query/owners.hpp"
#include "query/value.hpp"
#include "rdf/graph.hpp"

namespace cae::query::detail {

class GraphSource {
 public:
  // Borrows `graph` and `world`; both must outlive the source, and every query run in `world`
  // must be freed before the source.
  GraphSource(const rdf::Graph& graph, rasqal_world* world);
  GraphSource(const GraphSource&) = delete;
  GraphSource& operator=(const GraphSource&) = delete;

  // Makes this source the dataset of every query later executed in the world.
  void install();

  // The Rasqal form of a term, owned by the source (callers take their own reference).
  rasqal_literal* literal(rdf::Term term);
  // The graph term equal to a Rasqal node, or no term when the graph has none.
  [[nodiscard]] rdf::Term term(rasqal_literal* node) const;
  [[nodiscard]] const rdf::Graph& graph() const { return graph_; }

 private:
  [[nodiscard]] Value value_of(rdf::Term term) const;

  const rdf::Graph& graph_;
  rasqal_world* world_;
  std::unordered_map<std::string, rdf::Term> terms_;  // node key -> term
  std::unordered_map<rdf::Term, LiteralPtr> literals_;
};

// The plain value of a Rasqal node (a variable's value or a result term).
Value value_of(rasqal_literal* node);

}  // namespace cae::query::detail
