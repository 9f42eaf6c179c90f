// Canonical N-Triples of graph fragments, for the rdfl:CBD, rdfl:Path, rdfl:PathLens and
// rdfl:Context arguments (spec/arguments.md §3): one line per triple, sorted by byte order,
// blank nodes relabelled _:c0, _:c1, ... by first appearance in load order.
#pragma once

#include <functional>
#include <string>

#include "rdf/graph.hpp"

namespace cae::resolve {

// One term in canonical N-Triples form; `blank_label` names blank nodes (without "_:").
std::string ntriples_term(rdf::Term term, const std::function<std::string(rdf::Term)>& blank_label);

// The Concise Bounded Description of `node`: the triples whose subject is `node`, plus,
// recursively, those of the blank nodes they reach as objects.
std::string cbd_ntriples(const rdf::Graph& graph, rdf::Term node);

// Every triple of the graph.
std::string graph_ntriples(const rdf::Graph& graph);

}  // namespace cae::resolve
