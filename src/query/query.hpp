// SPARQL 1.1 queries over a loaded document's merged graph (the document, its imports and the
// bundled vocabularies). The engine itself (Rasqal) lives in a module loaded on the first query
// (query/engine.hpp); results are plain values, and nothing here exposes Rasqal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "query/result.hpp"
#include "rdf/loader.hpp"

namespace cae::query {

// Where a query's text comes from: errors point into it as file `file` of the SourceMap the
// caller prints diagnostics with (register it with SourceMap::add first).
struct QueryText {
  std::string_view text;
  std::uint32_t file = Location::no_file;
};

// Runs `query` over `document.graph`. The entry file's prefixes are declared before the query's
// own declarations, and relative IRIs resolve against the entry document, so `<say>` names the
// same resource in the query as in the pipeline. Solutions come in source order of the matched
// statements unless the query orders them. A query that does not parse is a `usage` error at its
// line and column; a failure while running, or an engine module that cannot be loaded, is a
// `runtime` error; both return no result.
std::optional<Result> run_query(const rdf::LoadedDocument& document, const QueryText& query,
                                Diagnostics& diagnostics);

// The graph term a result value names, or no term when the graph has none (a value the query
// computed). Blank nodes are found by their `_:bN` label.
rdf::Term find_term(const rdf::Graph& graph, const Value& value);

}  // namespace cae::query
