// rdfl:TypedExtract (spec/arguments.md §2.3): a value resolved with the shape of its own
// rdf:type, merged with the shapes of that type's ancestors.
#pragma once

#include <optional>
#include <vector>

#include "rdf/graph.hpp"
#include "resolve/naming.hpp"
#include "resolve/shapes.hpp"
#include "resolve/value.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

struct TypedShape {
  rdf::Term type;                    // the value's rdf:type that was chosen
  std::vector<const Field*> fields;  // merged; a field defined twice comes from the nearest class
};

// Chooses the type of `value` and merges the fields of its shapes. Problems (no type, no shape,
// two candidate types, a tie between equally near classes) are described in `failure`.
std::optional<TypedShape> typed_shape(const rdf::Graph& graph, const Vocabulary& vocab,
                                      const Naming& naming, ShapeIndex& shapes, const Value& value,
                                      Failure& failure);

}  // namespace cae::resolve
