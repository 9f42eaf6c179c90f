// What the parts of one resolution share: the graph, the interned vocabulary, the shape index,
// the channel table, the options and the diagnostics sink.
#pragma once

#include <string>

#include "base/diagnostic.hpp"
#include "rdf/graph.hpp"
#include "resolve/channel_table.hpp"
#include "resolve/naming.hpp"
#include "resolve/resolver.hpp"
#include "resolve/shapes.hpp"
#include "resolve/vocabulary.hpp"

namespace cae::resolve {

struct Context {
  rdf::Graph& graph;  // not const: environment values are interned as new terms
  const SourceMap& sources;
  const Vocabulary& vocab;
  const Naming& naming;
  ShapeIndex& shapes;
  ChannelTable& channels;
  const ResolveOptions& options;
  std::string file_root;  // absolute: options.file_root, or the entry document's directory
  Diagnostics& diagnostics;
};

}  // namespace cae::resolve
