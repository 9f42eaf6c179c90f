// Reading one sh:property node into a Field (spec/arguments.md §1).
#pragma once

#include <optional>

#include "resolve/shapes.hpp"

namespace cae::resolve {

// Reads the property shape `property` of the shape of class `cls`. A malformed one gives
// nothing, with what is wrong (located at the property node, or at the faulty path node) in
// `problem`.
std::optional<Field> read_field(const rdf::Graph& graph, const Vocabulary& vocab,
                                const Naming& naming, rdf::Term cls, rdf::Term property,
                                Problem& problem);

}  // namespace cae::resolve
