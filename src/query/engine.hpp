// The boundary between cae and its SPARQL engine. The engine (src/sparql, over Rasqal) is a
// shared module that cae loads only for the commands that run queries, so that every other run
// starts without Rasqal's many libraries. Only plain data crosses: the graph as terms and index
// triples and the query text in, the result or a failure out. The module and cae are built
// together from this header: change it and bump engine_entry_symbol's version.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "query/result.hpp"

namespace cae::query {

// A graph as the engine sees it: each distinct term once, and every statement as indexes into
// `terms`, in source order (Graph::match's order), which solutions then follow.
struct Dataset {
  std::vector<Value> terms;
  std::vector<std::array<std::uint32_t, 3>> triples;
};

struct Request {
  const Dataset* dataset = nullptr;
  std::string base_iri;  // relative IRIs in the query resolve against it
  std::string text;      // the whole query text
};

// Why a query gave no result. `line` and `column` point into Request::text; 0 when the engine
// gave no position.
struct Failure {
  Code code = Code::runtime;  // usage: the query does not parse; runtime: it could not run
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
};

struct Outcome {
  std::optional<Result> result;
  std::optional<Failure> failure;  // set exactly when result is not
};

class Engine {
 public:
  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  virtual ~Engine() = default;
  // Never throws: every problem is a Failure.
  [[nodiscard]] virtual Outcome run(const Request& request) const noexcept = 0;
};

// The engine cae runs queries with: the one given to use_engine, else the module, loaded on the
// first call (beside the running executable, else where `meson install` put it). Returns the
// reason, naming the module's path, when the module cannot be loaded.
struct EngineOrError {
  const Engine* engine = nullptr;
  std::string error;
};
EngineOrError engine();

// Makes `engine` (which must outlive every query) the one engine() gives: for programs that
// link src/sparql directly, like the unit tests.
void use_engine(const Engine& engine);

// The name of the module's one exported function, cae_sparql_engine_1 below.
inline constexpr const char* engine_entry_symbol = "cae_sparql_engine_1";

}  // namespace cae::query

// Defined by src/sparql: an engine that lives as long as the module.
extern "C" const cae::query::Engine* cae_sparql_engine_1();
