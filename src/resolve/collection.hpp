// RDF collections (rdf:first/rdf:rest/rdf:nil), as list arguments and SHACL paths use them.
#pragma once

#include <optional>
#include <vector>

#include "rdf/graph.hpp"
#include "resolve/value.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

// True for rdf:nil and for a node with an rdf:first or rdf:rest: the head of a collection,
// well formed or not.
bool is_collection(const rdf::Graph& graph, const Vocabulary& vocab, rdf::Term node);

// The members of the collection headed by `head.term`, in list order, each located at its
// rdf:first object. A missing or repeated rdf:first/rdf:rest, or a loop, is reported in
// `problem` (located at `head`) and gives no members.
std::optional<std::vector<Value>> read_collection(const rdf::Graph& graph, const Vocabulary& vocab,
                                                  const Value& head, Problem& problem);

}  // namespace cae::resolve
