// Environment variable nodes (spec/arguments.md §2.4, spec/vocabulary.md §6).
#pragma once

#include <optional>

#include "rdf/graph.hpp"
#include "resolve/environment.hpp"
#include "resolve/naming.hpp"
#include "resolve/shapes.hpp"
#include "resolve/value.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

// True for a node typed rdfl:EnvVariable or conn:EnvVariable.
bool is_env_variable(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node);

// The value the variable node `node` stands for, as `field` takes it: a literal for a datatype
// field; an IRI or a plain literal for a class field. The value is located at the node's
// rdfl:envKey literal and remembers the variable name. Problems are described in `failure`.
std::optional<Value> env_value(rdf::Graph& graph, const Vocabulary& vocab, const Naming& naming,
                               const Environment& environment, const Value& node,
                               const Field& field, Failure& failure);

}  // namespace cae::resolve
