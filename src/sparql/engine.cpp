// cae's SPARQL engine module: runs one query over a query::Dataset with Rasqal. The only code
// that includes rasqal.h, built as a shared module so that cae links Rasqal (and the dozens of
// libraries Raptor pulls in) only when a command runs a query.
#include <rasqal.h>

#include "query/engine.hpp"
#include "sparql/owners.hpp"
#include "sparql/store.hpp"

namespace cae::sparql {
namespace {

// Keeps the first error Rasqal logs: the ones after it follow from it.
class LogSink {
 public:
  static void handle(void* user_data, raptor_log_message* message) {
    static_cast<LogSink*>(user_data)->add(*message);
  }

  [[nodiscard]] const std::optional<query::Failure>& failure() const { return failure_; }
  void set_code(Code code) { code_ = code; }

 private:
  void add(const raptor_log_message& message) noexcept {
    if (message.level < RAPTOR_LOG_LEVEL_ERROR || failure_) return;
    try {
      query::Failure failure{code_, 0, 0, message.text};
      if (const raptor_locator* locator = message.locator; locator != nullptr) {
        // Rasqal's SPARQL lexer counts lines only.
        failure.line = locator->line > 0 ? static_cast<std::uint32_t>(locator->line) : 0;
        failure.column = locator->column > 0 ? static_cast<std::uint32_t>(locator->column) : 0;
      }
      failure_ = std::move(failure);
    } catch (const std::exception&) {  // no exception may cross into Rasqal
    }
  }

  Code code_ = Code::usage;
  std::optional<query::Failure> failure_;
};

query::Value value_of(const raptor_term* term) {
  query::Value value;
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

query::Solutions read_solutions(rasqal_query* query, rasqal_query_results* results) {
  query::Solutions out;
  out.variables = projection(query);
  const int width = static_cast<int>(out.variables.size());
  for (; rasqal_query_results_finished(results) == 0; rasqal_query_results_next(results)) {
    auto& row = out.rows.emplace_back();
    for (int i = 0; i < width; ++i) {
      rasqal_literal* cell = rasqal_query_results_get_binding_value(results, i);
      row.push_back(cell == nullptr ? std::nullopt : std::optional{sparql::value_of(cell)});
    }
  }
  return out;
}

std::vector<query::Statement> read_statements(rasqal_query_results* results) {
  std::vector<query::Statement> out;
  for (raptor_statement* st = rasqal_query_results_get_triple(results); st != nullptr;
       st = rasqal_query_results_get_triple(results)) {
    out.push_back({value_of(st->subject), value_of(st->predicate), value_of(st->object)});
    if (rasqal_query_results_next_triple(results) != 0) break;
  }
  return out;
}

query::Result read_result(rasqal_query* query, rasqal_query_results* results) {
  query::Result out;
  if (rasqal_query_results_is_boolean(results) != 0) {
    out.form = query::Form::ask;
    out.boolean = rasqal_query_results_get_boolean(results) > 0;
  } else if (rasqal_query_results_is_graph(results) != 0) {
    out.form = query::Form::construct;
    out.statements = read_statements(results);
  } else {
    out.solutions = read_solutions(query, results);
  }
  return out;
}

// A Rasqal world whose only dataset is one Dataset. Queries it prepares must be freed before it.
class World {
 public:
  World(const query::Request& request, LogSink& log)
      : world_{open_world(log)},
        store_{*request.dataset, world_.get()},
        base_{raptor_new_uri(rasqal_world_get_raptor(world_.get()),
                             reinterpret_cast<const unsigned char*>(request.base_iri.c_str()))} {
    store_.install();
  }

  // The parsed query, or none when it does not parse (the log sink has the reason).
  [[nodiscard]] QueryPtr prepare(const std::string& text) const {
    QueryPtr query{rasqal_new_query(world_.get(), "sparql11", nullptr)};
    if (query &&
        rasqal_query_prepare(query.get(), reinterpret_cast<const unsigned char*>(text.c_str()),
                             base_.get()) != 0) {
      query.reset();
    }
    return query;
  }

 private:
  static WorldPtr open_world(LogSink& log) {
    WorldPtr world{rasqal_new_world()};
    if (!world || rasqal_world_open(world.get()) != 0) {
      throw std::runtime_error{"cannot start the SPARQL engine"};
    }
    rasqal_world_set_log_handler(world.get(), &log, LogSink::handle);
    return world;
  }

  WorldPtr world_;  // declared first: freed last
  Store store_;
  UriPtr base_;
};

query::Outcome failed(Code code, std::string message) {
  return query::Outcome{std::nullopt, query::Failure{code, 0, 0, std::move(message)}};
}

query::Outcome run_query(const query::Request& request) {
  LogSink log;
  const World world{request, log};
  const QueryPtr prepared = world.prepare(request.text);
  if (log.failure()) return query::Outcome{std::nullopt, log.failure()};
  if (!prepared) return failed(Code::usage, "invalid query");
  log.set_code(Code::runtime);
  const ResultsPtr results{rasqal_query_execute(prepared.get())};
  if (log.failure()) return query::Outcome{std::nullopt, log.failure()};
  if (!results) {
    return failed(Code::runtime,
                  "the query could not be run; Rasqal 0.9 runs neither MINUS nor EXISTS, "
                  "use OPTIONAL with !BOUND(?x) instead");
  }
  return query::Outcome{read_result(prepared.get(), results.get()), std::nullopt};
}

class RasqalEngine final : public query::Engine {
 public:
  [[nodiscard]] query::Outcome run(const query::Request& request) const noexcept override {
    try {
      return run_query(request);
    } catch (const std::exception& error) {
      return failed(Code::runtime, error.what());
    }
  }
};

}  // namespace
}  // namespace cae::sparql

// The module's entry point (query::engine_entry_symbol); the only symbol it exports.
extern "C" __attribute__((visibility("default"))) const cae::query::Engine* cae_sparql_engine_1() {
  static const cae::sparql::RasqalEngine engine;
  return &engine;
}
