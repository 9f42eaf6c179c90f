// The graph node a model id names: an absolute IRI, or `_:bN` for the Nth blank node.
#pragma once

#include <string_view>

#include "rdf/graph.hpp"

namespace cae::validate {

// No term when the graph has no such node.
rdf::Term node_of(const rdf::Graph& graph, std::string_view id);

}  // namespace cae::validate
