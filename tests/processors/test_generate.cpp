#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string generate = "https://w3id.org/cae#Generate";

json arguments(json fields) {
  fields["output"] = {{"writer", "out"}};
  if (!fields.contains("count")) fields["count"] = 1;
  if (!fields.contains("intervalMs")) fields["intervalMs"] = 0;
  return fields;
}

}  // namespace

TEST_CASE("Generate writes count numbered texts, then closes its output") {
  ProcessorHarness run{arguments({{"count", 3}, {"text", "msg {i} of {i}"}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.produced());
  CHECK(out == std::vector<std::string>{"message msg 0 of 0", "message msg 1 of 1",
                                        "message msg 2 of 2", "closed"});
}

TEST_CASE("Generate without text or size writes the message numbers") {
  ProcessorHarness run{arguments({{"count", 2}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.run();
  CHECK(out == std::vector<std::string>{"message 0", "message 1", "closed"});
}

TEST_CASE("Generate writes size bytes per message, all sharing one buffer") {
  ProcessorHarness run{arguments({{"count", 2}, {"size", 12}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.run();
  CHECK(out == std::vector<std::string>{"message 012345678901", "message 012345678901", "closed"});
}

TEST_CASE("Generate with count 0 only closes") {
  ProcessorHarness run{arguments({{"count", 0}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.run();
  CHECK(out == std::vector<std::string>{"closed"});
}

TEST_CASE("Generate waits for queue room: many messages pass a bounded queue") {
  ProcessorHarness run{arguments({{"count", 2000}, {"size", 10}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.run();
  CHECK(out.size() == 2001);
  CHECK(run.channel("out").counts().messages == 2000);
}

TEST_CASE("Generate pauses intervalMs between messages") {
  ProcessorHarness run{arguments({{"count", 3}, {"intervalMs", 20}})};
  const auto& out = run.collect("out");
  const auto began = std::chrono::steady_clock::now();
  run.start(generate);
  run.run();
  // Two pauses of 20 ms; libuv counts whole milliseconds, so each may end up to 1 ms early.
  CHECK(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds{38});
  CHECK(out == std::vector<std::string>{"message 0", "message 1", "message 2", "closed"});
}

TEST_CASE("Generate refuses size and text together, and negative numbers") {
  for (const json& fields : {json{{"size", 3}, {"text", "x"}}, json{{"count", -1}},
                             json{{"size", -1}}, json{{"intervalMs", -5}}}) {
    ProcessorHarness run{arguments(fields)};
    run.start(generate);
    REQUIRE(run.failures().size() == 1);
  }
  ProcessorHarness both{arguments({{"size", 3}, {"text", "x"}})};
  both.start(generate);
  CHECK(both.failures() == std::vector<std::string>{"init: give either size or text, not both"});
}

TEST_CASE("Generate stops early when asked and still closes its output") {
  ProcessorHarness run{arguments({{"count", 1000}, {"intervalMs", 1}})};
  const auto& out = run.collect("out");
  run.start(generate);
  run.stop_processor();
  run.run();
  CHECK(run.produced());
  CHECK(out == std::vector<std::string>{"message 0", "closed"});
}
