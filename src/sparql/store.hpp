// Serves a query::Dataset to Rasqal as the whole dataset of a query, through a custom triples
// source factory. Patterns are matched against the dataset's triples, which come in source
// order, so solutions do too.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/engine.hpp"
#include "sparql/owners.hpp"

namespace cae::sparql {

using TermId = std::uint32_t;
using Triple = std::array<TermId, 3>;
inline constexpr TermId no_term = UINT32_MAX;

class Store {
 public:
  // Borrows `dataset` and `world`; both must outlive the store, and every query run in `world`
  // must be freed before the store.
  Store(const query::Dataset& dataset, rasqal_world* world);
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Makes this store the dataset of every query later executed in the world.
  void install();

  // The Rasqal form of a term, owned by the store (callers take their own reference).
  rasqal_literal* literal(TermId term);
  // The term equal to a Rasqal node, or no_term when the dataset has none.
  [[nodiscard]] TermId term(rasqal_literal* node) const;
  // The triples matching a pattern (no_term is a wildcard), in source order.
  [[nodiscard]] std::vector<Triple> match(const Triple& pattern) const;
  [[nodiscard]] bool contains(const Triple& triple) const;

 private:
  const query::Dataset& dataset_;
  rasqal_world* world_;
  std::unordered_map<std::string, TermId> terms_;  // node key -> first term with that key
  // For each position (s, p, o), the triples (indexes into dataset_.triples) each term holds
  // there, in source order: a pattern scans the shortest list of its constants.
  std::array<std::unordered_map<TermId, std::vector<std::uint32_t>>, 3> by_part_;
  std::unordered_map<TermId, LiteralPtr> literals_;
};

// The plain value of a Rasqal node (a variable's value or a result term).
query::Value value_of(rasqal_literal* node);

}  // namespace cae::sparql
