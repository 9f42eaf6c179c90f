#include "query/query.hpp"

#include <algorithm>
#include <regex>
#include <unordered_map>

#include <fmt/format.h>

#include "query/engine.hpp"
#include "query/names.hpp"

namespace cae::query {
namespace {

// Names the query declares itself: the engine (Rasqal) keeps the first declaration of a name, so a
// document prefix the query redeclares must not be declared before it.
bool declares_prefix(std::string_view query, std::string_view name) {
  static const std::regex declaration{R"((?:^|[^\w])PREFIX\s+([^\s:]*):)", std::regex::icase};
  const std::string text{query};
  for (std::sregex_iterator it{text.begin(), text.end(), declaration}, end; it != end; ++it) {
    if ((*it)[1].str() == name) return true;
  }
  return false;
}

// The known prefixes the query does not declare, all on one line before the query, so that
// its own line numbers are one more than the user's and its columns are unchanged.
std::string prefix_preamble(const rdf::LoadedDocument& document, std::string_view query) {
  std::string out;
  for (const auto& [name, iri] : known_prefixes(document)) {
    if (!declares_prefix(query, name)) out += fmt::format("PREFIX {}: <{}> ", name, iri);
  }
  return out + "\n";
}
constexpr std::uint32_t preamble_lines = 1;

// Rasqal reports an undeclared prefix without a position: find the prefixed name in the query.
Location locate_quoted_name(std::string_view message, std::string_view query, std::uint32_t file) {
  const auto open = message.find('"');
  const auto close = message.find('"', open + 1);
  if (open == std::string_view::npos || close == std::string_view::npos) return {file, 0, 0};
  const auto at = query.find(message.substr(open + 1, close - open - 1));
  if (at == std::string_view::npos) return {file, 0, 0};
  const auto line_start = query.rfind('\n', at);
  const auto line = 1 + std::count(query.begin(), query.begin() + static_cast<long>(at), '\n');
  const auto col = line_start == std::string_view::npos ? at + 1 : at - line_start;
  return {file, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
}

// Where an engine failure points in the user's query: below the preamble line, or, for a message
// without a position there (Rasqal's undeclared prefix), at the prefixed name it quotes.
Location locate(const Failure& failure, std::string_view query, std::uint32_t file) {
  if (failure.line <= preamble_lines) return locate_quoted_name(failure.message, query, file);
  return Location{file, failure.line - preamble_lines, std::max(failure.column, 1U)};
}

std::string blank_text(const rdf::Graph& graph, rdf::Term term) {
  return graph.blank_label(term).substr(2);  // without "_:"
}

Value value_of(const rdf::Graph& graph, rdf::Term term) {
  Value value;
  value.kind = term.kind();
  value.text = term.is_blank() ? blank_text(graph, term) : std::string{term.text()};
  if (term.is_literal()) {
    if (const rdf::Term datatype = term.datatype()) value.datatype = datatype.text();
    if (value.datatype == "http://www.w3.org/2001/XMLSchema#string") value.datatype.clear();
    value.lang = term.lang();
  }
  return value;
}

// The terms are numbered in order of first use in load order, the statements listed in source
// order: what the engine needs to answer as the graph itself would.
Dataset dataset_of(const rdf::Graph& graph) {
  Dataset out;
  std::unordered_map<rdf::Term, std::uint32_t> ids;
  const auto id = [&](rdf::Term term) {
    auto [it, added] = ids.try_emplace(term, static_cast<std::uint32_t>(out.terms.size()));
    if (added) out.terms.push_back(value_of(graph, term));
    return it->second;
  };
  for (const auto& triple : graph.statements()) {
    for (const rdf::Term term : {triple.s, triple.p, triple.o}) id(term);
  }
  for (const auto& triple : graph.match({}, {}, {})) {
    out.triples.push_back({ids.at(triple.s), ids.at(triple.p), ids.at(triple.o)});
  }
  return out;
}

}  // namespace

std::optional<Result> run_query(const rdf::LoadedDocument& document, const QueryText& query,
                                Diagnostics& diagnostics) {
  const auto [engine, error] = query::engine();
  if (engine == nullptr) {
    diagnostics.error(Code::runtime, Location{query.file, 0, 0}, error);
    return std::nullopt;
  }
  const Dataset dataset = dataset_of(document.graph);
  const Request request{&dataset, document.entry_iri,
                        prefix_preamble(document, query.text) + std::string{query.text}};
  Outcome outcome = engine->run(request);
  if (outcome.failure) {
    const Failure& failure = *outcome.failure;
    diagnostics.error(failure.code, locate(failure, query.text, query.file), failure.message);
    return std::nullopt;
  }
  return std::move(outcome.result);
}

rdf::Term find_term(const rdf::Graph& graph, const Value& value) {
  if (value.kind == rdf::TermKind::iri) return graph.find_iri(value.text);
  if (value.kind != rdf::TermKind::blank) return {};
  const std::string label = "_:" + value.text;
  for (const auto& triple : graph.statements()) {
    for (const rdf::Term term : {triple.s, triple.o}) {
      if (term.is_blank() && graph.blank_label(term) == label) return term;
    }
  }
  return {};
}

}  // namespace cae::query
