// The IRIs a resource names: what a processor of another runner may share with cae's processors.
#pragma once

#include <utility>
#include <vector>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"

namespace cae::resolve {

// The IRIs `node` has as objects, directly or through blank nodes and lists, each once with the
// position of its first statement; rdf:type objects (`rdf_type`) are left out. Without a shape,
// this is all a document says about which channels a processor uses.
std::vector<std::pair<rdf::Term, Location>> named_iris(const rdf::Graph& graph, rdf::Term node,
                                                       rdf::Term rdf_type);

}  // namespace cae::resolve
