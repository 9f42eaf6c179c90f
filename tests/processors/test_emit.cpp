#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Chunk;
using cae::Flow;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string emit = "https://w3id.org/cae#Emit";

json arguments(json texts, int interval_ms = 0) {
  return {{"text", std::move(texts)}, {"output", {{"writer", "out"}}}, {"intervalMs", interval_ms}};
}

std::vector<std::string> expected_messages(std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back("message t" + std::to_string(i));
  out.emplace_back("closed");
  return out;
}

json texts(std::size_t count) {
  json out = json::array();
  for (std::size_t i = 0; i < count; ++i) out.push_back("t" + std::to_string(i));
  return out;
}

}  // namespace

TEST_CASE("Emit writes each text as one message, in order, then closes its output") {
  ProcessorHarness run{arguments({"alpha", "", "gamma ✓"})};
  const auto& out = run.collect("out");
  run.start(emit);
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.produced());
  CHECK(out == std::vector<std::string>{"message alpha", "message ", "message gamma ✓", "closed"});
}

TEST_CASE("Emit with no text only closes its output") {
  // Resolution requires one text; the processor itself copes with none.
  ProcessorHarness run{arguments(json::array())};
  const auto& out = run.collect("out");
  run.start(emit);
  run.run();
  CHECK(run.produced());
  CHECK(out == std::vector<std::string>{"closed"});
}

TEST_CASE("Emit waits for queue room: many texts pass a bounded queue") {
  // 2000 texts against a 256-message queue: a write while one is pending would fail the run.
  ProcessorHarness run{arguments(texts(2000))};
  const auto& out = run.collect("out");
  run.start(emit);
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == expected_messages(2000));
}

TEST_CASE("Emit pauses intervalMs between messages") {
  ProcessorHarness run{arguments({"a", "b", "c"}, 20)};
  const auto& out = run.collect("out");
  const auto began = std::chrono::steady_clock::now();
  run.start(emit);
  run.run();
  // Two pauses of 20 ms; libuv counts whole milliseconds, so each may end up to 1 ms early.
  CHECK(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds{38});
  CHECK(out == std::vector<std::string>{"message a", "message b", "message c", "closed"});
}

TEST_CASE("Emit stops during a pause and closes its output at once") {
  ProcessorHarness run{arguments({"a", "b", "c"}, 10000)};
  const auto& out = run.collect("out");
  const auto began = std::chrono::steady_clock::now();
  run.start(emit);
  run.stop_processor();
  run.run();
  CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds{5});
  CHECK(run.produced());
  CHECK(out == std::vector<std::string>{"message a", "closed"});
}

TEST_CASE("Emit stopped during a pending write closes once that write is delivered") {
  ProcessorHarness run{arguments(texts(300))};
  const auto& out = run.collect("out");
  run.start(emit);
  // The queue takes 256 messages; the 257th write is pending when stop() arrives.
  CHECK_FALSE(run.produced());
  run.stop_processor();
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.produced());
  CHECK(out == expected_messages(257));
}

TEST_CASE("Emit ends early when every reader has detached") {
  ProcessorHarness run{arguments(texts(5), 200)};
  auto& reader = run.reader("out");
  std::vector<std::string> seen;
  reader.on_chunk([&](const Chunk& chunk) {
    seen.emplace_back(chunk.bytes.text());
    return Flow::cancelled();  // enough: detach
  });
  reader.activate();
  const auto began = std::chrono::steady_clock::now();
  run.start(emit);
  run.run();
  // The write after the first pause is cancelled and ends the run; four pauses would be 800 ms.
  CHECK(std::chrono::steady_clock::now() - began < std::chrono::milliseconds{600});
  CHECK(run.failures().empty());
  CHECK(run.produced());
  CHECK(seen == std::vector<std::string>{"t0"});
  CHECK(run.channel("out").counts().messages == 1);
}

TEST_CASE("Emit refuses a negative intervalMs") {
  ProcessorHarness run{arguments({"a"}, -1)};
  run.start(emit);
  CHECK(run.failures() == std::vector<std::string>{"init: intervalMs must not be negative"});
}
