// The graph nodes that model ids name: an absolute IRI, or `_:bN` for the Nth blank node.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "rdf/graph.hpp"

namespace cae::validate {

class NodeIds {
 public:
  // The graph must outlive this.
  explicit NodeIds(const rdf::Graph& graph) : graph_{graph} {}

  // No term when the graph has no such node. The first blank id indexes every blank node once,
  // so that a pipeline of many blank processors is not scanned once per processor.
  rdf::Term find(std::string_view id);

 private:
  const rdf::Graph& graph_;
  std::unordered_map<std::string, rdf::Term> blanks_;
  bool indexed_ = false;
};

}  // namespace cae::validate
