// Whole runs for tests: a pipeline built in code, a registry with the built-ins and test-only
// processors, and runtime::run_pipeline on a loop of its own (spec/channels.md §4–§5).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cae/registry.hpp"
#include "model/pipeline.hpp"
#include "runtime/run.hpp"

namespace cae::test {

// What a test:Record sink saw: each message's text and its close ("closed" or the error).
struct Recorded {
  std::vector<std::string> messages;
  std::optional<std::string> close;
};

// Test-only processor classes (urn:test:…), each made from its arguments:
//   Record   input; optional integer "slow": the first N messages are each held for one turn
//            of the loop, so the channel's queue fills up behind them.
//   Explode  input, output; forwards messages and throws while handling message number "at",
//            or in transform() when "at" is negative.
//   Broken   output; writes "count" messages, with "stream" a stream begin and one chunk, then
//            fails in produce, a turn later, by throwing from posted work.
class RunHarness {
 public:
  RunHarness();

  // Adds a processor; its declaration sits at `line` of file 0 ("pipeline.ttl").
  void add(const std::string& id, const std::string& type, nlohmann::json arguments,
           std::uint32_t line);
  // Declares channel `id` with its writers and readers (processor ids).
  void connect(const std::string& id, std::vector<std::string> writers,
               std::vector<std::string> readers);
  // What test:Record processor `id` received; valid once added.
  [[nodiscard]] const Recorded& recorded(const std::string& id) const;
  [[nodiscard]] Location where(const std::string& id) const;

  runtime::RunResult run();

  runtime::RunOptions options;
  std::string log;  // everything the run logged

 private:
  model::Pipeline pipeline_;
  Registry registry_;
  std::vector<std::pair<std::string, std::unique_ptr<Recorded>>> recorded_;
};

// A test IRI: "http://example.org/NAME".
std::string iri(const std::string& name);
// The name runs print for iri(NAME): "<http://example.org/NAME>".
std::string shown(const std::string& name);

}  // namespace cae::test
