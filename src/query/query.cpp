#include "query/query.hpp"

#include <algorithm>
#include <regex>
#include <unordered_map>

#include <fmt/format.h>

#include "query/graph_source.hpp"
#include "query/names.hpp"
#include "query/owners.hpp"

namespace cae::query {
namespace {

// Names the query declares itself: Rasqal keeps the first declaration of a name, so a
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

// Turns Rasqal's log messages into diagnostics that point into the query text. Only the first
// error is kept: the ones after it follow from it.
class LogSink {
 public:
  LogSink(Diagnostics& diagnostics, const QueryText& query)
      : diagnostics_{diagnostics}, query_{query} {}

  static void handle(void* user_data, raptor_log_message* message) {
    static_cast<LogSink*>(user_data)->add(*message);
  }

  [[nodiscard]] bool failed() const { return failed_; }
  void set_code(Code code) { code_ = code; }

 private:
  void add(const raptor_log_message& message) {
    if (message.level < RAPTOR_LOG_LEVEL_ERROR || failed_) return;
    failed_ = true;
    try {
      diagnostics_.error(code_, where(message), message.text);
    } catch (const std::exception&) {  // no exception may cross into Rasqal
    }
  }

  [[nodiscard]] Location where(const raptor_log_message& message) const {
    const raptor_locator* locator = message.locator;
    if (locator == nullptr || locator->line <= static_cast<int>(preamble_lines)) {
      return locate_quoted_name(message.text, query_.text, query_.file);
    }
    // Rasqal's SPARQL lexer counts lines only.
    const auto line = static_cast<std::uint32_t>(locator->line) - preamble_lines;
    const auto col = static_cast<std::uint32_t>(locator->column > 0 ? locator->column : 1);
    return Location{query_.file, line, col};
  }

  Diagnostics& diagnostics_;
  const QueryText& query_;
  Code code_ = Code::usage;
  bool failed_ = false;
};

Value value_of(const raptor_term* term) {
  Value value;
  switch (term->type) {
    case RAPTOR_TERM_TYPE_URI:
      value.text = reinterpret_cast<const char*>(raptor_uri_as_string(term->value.uri));
      break;
    case RAPTOR_TERM_TYPE_BLANK:
      value.kind = rdf::TermKind::blank;
      value.text = reinterpret_cast<const char*>(term->value.blank.string);
      break;
    default: {
      const raptor_term_literal_value& literal = term->value.literal;
      value.kind = rdf::TermKind::literal;
      value.text = reinterpret_cast<const char*>(literal.string);
      if (literal.datatype != nullptr) {
        value.datatype = reinterpret_cast<const char*>(raptor_uri_as_string(literal.datatype));
      }
      if (value.datatype == "http://www.w3.org/2001/XMLSchema#string") value.datatype.clear();
      if (literal.language != nullptr) value.lang = reinterpret_cast<const char*>(literal.language);
    }
  }
  return value;
}

// The projected variables come from the query: results without a row name none.
std::vector<std::string> projection(rasqal_query* query) {
  std::vector<std::string> out;
  raptor_sequence* variables = rasqal_query_get_bound_variable_sequence(query);
  const int size = variables == nullptr ? 0 : raptor_sequence_size(variables);
  for (int i = 0; i < size; ++i) {
    const auto* variable = static_cast<rasqal_variable*>(raptor_sequence_get_at(variables, i));
    out.emplace_back(reinterpret_cast<const char*>(variable->name));
  }
  return out;
}

Solutions read_solutions(rasqal_query* query, rasqal_query_results* results) {
  Solutions out;
  out.variables = projection(query);
  const int width = static_cast<int>(out.variables.size());
  for (; rasqal_query_results_finished(results) == 0; rasqal_query_results_next(results)) {
    auto& row = out.rows.emplace_back();
    for (int i = 0; i < width; ++i) {
      rasqal_literal* cell = rasqal_query_results_get_binding_value(results, i);
      row.push_back(cell == nullptr ? std::nullopt : std::optional{detail::value_of(cell)});
    }
  }
  return out;
}

std::vector<Statement> read_statements(rasqal_query_results* results) {
  std::vector<Statement> out;
  for (raptor_statement* st = rasqal_query_results_get_triple(results); st != nullptr;
       st = rasqal_query_results_get_triple(results)) {
    out.push_back(Statement{value_of(st->subject), value_of(st->predicate), value_of(st->object)});
    if (rasqal_query_results_next_triple(results) != 0) break;
  }
  return out;
}

Result read_result(rasqal_query* query, rasqal_query_results* results) {
  Result out;
  if (rasqal_query_results_is_boolean(results) != 0) {
    out.form = Form::ask;
    out.boolean = rasqal_query_results_get_boolean(results) > 0;
  } else if (rasqal_query_results_is_graph(results) != 0) {
    out.form = Form::construct;
    out.statements = read_statements(results);
  } else {
    out.solutions = read_solutions(query, results);
  }
  return out;
}

// A Rasqal world whose only dataset is one document's graph. Queries it prepares must be freed
// before it.
class Engine {
 public:
  Engine(const rdf::LoadedDocument& document, LogSink& log)
      : world_{open_world(log)},
        source_{document.graph, world_.get()},
        base_{raptor_new_uri(rasqal_world_get_raptor(world_.get()),
                             reinterpret_cast<const unsigned char*>(document.entry_iri.c_str()))} {
    source_.install();
  }

  // The parsed query, or none when it does not parse (the log sink has the reason).
  [[nodiscard]] detail::QueryPtr prepare(const std::string& text) const {
    detail::QueryPtr query{rasqal_new_query(world_.get(), "sparql11", nullptr)};
    if (query &&
        rasqal_query_prepare(query.get(), reinterpret_cast<const unsigned char*>(text.c_str()),
                             base_.get()) != 0) {
      query.reset();
    }
    return query;
  }

 private:
  static detail::WorldPtr open_world(LogSink& log) {
    detail::WorldPtr world{rasqal_new_world()};
    if (!world || rasqal_world_open(world.get()) != 0) {
      throw std::runtime_error{"cannot start the SPARQL engine"};
    }
    rasqal_world_set_log_handler(world.get(), &log, LogSink::handle);
    return world;
  }

  detail::WorldPtr world_;  // declared first: freed last
  detail::GraphSource source_;
  detail::UriPtr base_;
};

}  // namespace

std::optional<Result> run_query(const rdf::LoadedDocument& document, const QueryText& query,
                                Diagnostics& diagnostics) {
  LogSink log{diagnostics, query};
  const Engine engine{document, log};
  const detail::QueryPtr prepared =
      engine.prepare(prefix_preamble(document, query.text) + std::string{query.text});
  if (!prepared || log.failed()) {
    if (!log.failed()) diagnostics.error(Code::usage, Location{query.file, 0, 0}, "invalid query");
    return std::nullopt;
  }
  log.set_code(Code::runtime);
  const detail::ResultsPtr results{rasqal_query_execute(prepared.get())};
  if (!results || log.failed()) {
    if (!log.failed()) {
      diagnostics.error(Code::runtime, Location{query.file, 0, 0},
                        "the query could not be run; Rasqal 0.9 runs neither MINUS nor EXISTS, "
                        "use OPTIONAL with !BOUND(?x) instead");
    }
    return std::nullopt;
  }
  return read_result(prepared.get(), results.get());
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
