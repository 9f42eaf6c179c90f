// Whole runs through runtime::run_pipeline: how they end (spec/channels.md §4), what a fatal
// error does to the rest of the pipeline and how it is reported (§5), and bounded queues (§3).
#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "run_harness.hpp"

using cae::test::RunHarness;
using cae::test::shown;
using nlohmann::json;

namespace {

const std::string generate = "https://w3id.org/cae#Generate";
const std::string pass = "https://w3id.org/cae#Pass";
const std::string log_class = "https://w3id.org/cae#Log";
const std::string read_file = "https://w3id.org/cae#ReadFile";
const std::string record = "urn:test:Record";

json generator(std::int64_t count, std::int64_t interval_ms, const std::string& channel) {
  return {{"output", {{"writer", cae::test::iri(channel)}}},
          {"count", count},
          {"intervalMs", interval_ms},
          {"text", "{i}"}};
}

json reader_of(const std::string& channel) {
  return {{"input", {{"reader", cae::test::iri(channel)}}}};
}

json forwarder(const std::string& input, const std::string& output) {
  return {{"input", {{"reader", cae::test::iri(input)}}},
          {"output", {{"writer", cae::test::iri(output)}}}};
}

std::vector<std::string> numbers(std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(std::to_string(i));
  return out;
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Failures of processor `name` beyond the run's report: only the first fatal error is
// reported, later ones go to the debug log, so a processor blamed by mistake shows up here.
std::size_t blamed_in_log(const RunHarness& run, const std::string& name) {
  std::size_t count = 0;
  const std::string needle = "processor " + shown(name) + " (";
  for (std::size_t at = 0; (at = run.log.find(needle, at)) != std::string::npos; ++at) ++count;
  return count;
}

// A source that would run for days: it only ends when the run stops it.
constexpr std::int64_t endless = 1'000'000'000;

}  // namespace

TEST_CASE("a run whose processors all finish exits 0 with its loop closed") {
  RunHarness run;
  run.add("gen", generate, generator(5, 0, "c"), 3);
  run.add("rec", record, reader_of("c"), 4);
  run.connect("c", {"gen"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 0);
  CHECK_FALSE(result.error);
  CHECK(result.not_finished.empty());
  CHECK(run.recorded("rec").messages == numbers(5));
  CHECK(run.recorded("rec").close == "closed");
}

TEST_CASE("a failure in init fails the run with one report, and no data flows") {
  RunHarness run;
  run.add("read", read_file,
          {{"output", {{"writer", cae::test::iri("words")}}},
           {"path", json::array({"missing.txt"})},
           {"mode", "whole"},
           {"chunkSize", 65536},
           {"keepLineEnds", false}},
          7);
  run.add("gen", generate, generator(endless, 1, "numbers"), 8);
  run.add("show", record, reader_of("words"), 9);
  run.add("count", record, reader_of("numbers"), 10);
  run.connect("words", {"read"}, {"show"});
  run.connect("numbers", {"gen"}, {"count"});
  const auto result = run.run();
  CHECK(result.exit_code == 1);
  REQUIRE(result.error);
  CHECK(result.error->where == run.where("read"));
  CHECK(result.error->message.starts_with("processor " + shown("read") +
                                          " (<https://w3id.org/cae#ReadFile>) failed in init: "));
  CHECK(result.summary.starts_with("cae: run failed after "));
  CHECK(blamed_in_log(run, "read") == 0);
  // The report names the failed processor once: the summary lists only the others.
  CHECK_FALSE(listed(result.not_finished, shown("read")));
  // The consumers attached all the same: the error reached them, and the source, whose produce
  // never started, closed its output normally.
  CHECK(
      run.recorded("show").close.value_or("").starts_with(shown("read") + " failed: cannot read "));
  CHECK(run.recorded("count").messages.empty());
  CHECK(run.recorded("count").close == "closed");
  CHECK(result.not_finished.empty());
}

TEST_CASE("a failure in transform: the others attach their consumers, produce is skipped") {
  RunHarness run;
  run.add("gen", generate, generator(endless, 0, "in"), 3);
  run.add("explode", "urn:test:Explode",
          {{"input", {{"reader", cae::test::iri("in")}}},
           {"output", {{"writer", cae::test::iri("out")}}},
           {"at", -1}},
          4);
  run.add("rec", record, reader_of("out"), 5);
  run.connect("in", {"gen"}, {"explode"});
  run.connect("out", {"explode"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 1);
  REQUIRE(result.error);
  CHECK(result.error->message ==
        "processor " + shown("explode") + " (<urn:test:Explode>) failed in transform: no handler");
  CHECK(run.recorded("rec").messages.empty());
  CHECK(run.recorded("rec").close == shown("explode") + " failed: no handler");
  CHECK(result.channels.at(0).messages == 0);
  CHECK(result.not_finished.empty());
}

TEST_CASE("a failure while handling a message closes downstream with the error; sources stop") {
  RunHarness run;
  run.add("gen", generate, generator(endless, 0, "in"), 3);
  run.add("explode", "urn:test:Explode",
          {{"input", {{"reader", cae::test::iri("in")}}},
           {"output", {{"writer", cae::test::iri("out")}}},
           {"at", 3}},
          4);
  run.add("rec", record, reader_of("out"), 5);
  run.add("ticks", generate, generator(endless, 1, "other"), 6);
  run.add("other", record, reader_of("other"), 7);
  run.connect("in", {"gen"}, {"explode"});
  run.connect("other", {"ticks"}, {"other"});
  run.connect("out", {"explode"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 1);
  REQUIRE(result.error);
  CHECK(result.error->where == run.where("explode"));
  CHECK(result.error->message ==
        "processor " + shown("explode") +
            " (<urn:test:Explode>) failed in transform: boom at message 3");
  CHECK(blamed_in_log(run, "explode") == 0);
  // Downstream: what was written before the failure, then the close with its error.
  CHECK(run.recorded("rec").messages == numbers(3));
  CHECK(run.recorded("rec").close == shown("explode") + " failed: boom at message 3");
  // The unaffected branch: its source was stopped and it drained to a normal close.
  const auto& other = run.recorded("other");
  CHECK(other.messages == numbers(other.messages.size()));
  CHECK(other.close == "closed");
  CHECK_FALSE(listed(result.not_finished, shown("ticks")));
  CHECK_FALSE(listed(result.not_finished, shown("other")));
}

TEST_CASE("a source that fails in produce: its messages and then its error travel downstream") {
  RunHarness run;
  run.add("src", "urn:test:Broken", {{"output", {{"writer", cae::test::iri("a")}}}, {"count", 3}},
          3);
  run.add("pass", pass, forwarder("a", "b"), 4);
  run.add("rec", record, reader_of("b"), 5);
  run.connect("a", {"src"}, {"pass"});
  run.connect("b", {"pass"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 1);
  REQUIRE(result.error);
  CHECK(result.error->where == run.where("src"));
  CHECK(result.error->message ==
        "processor " + shown("src") + " (<urn:test:Broken>) failed in produce: the source broke");
  CHECK(run.recorded("rec").messages == std::vector<std::string>{"m0", "m1", "m2"});
  CHECK(run.recorded("rec").close == shown("src") + " failed: the source broke");
  CHECK(blamed_in_log(run, "pass") == 0);
  CHECK_FALSE(listed(result.not_finished, shown("pass")));
  CHECK_FALSE(listed(result.not_finished, shown("rec")));
}

TEST_CASE("forwarding an error that cuts a stream short does not blame the forwarders") {
  RunHarness run;
  run.add("src", "urn:test:Broken",
          {{"output", {{"writer", cae::test::iri("a")}}}, {"count", 1}, {"stream", true}}, 3);
  run.add("log", log_class,
          {{"input", {{"reader", cae::test::iri("a")}}},
           {"output", {{"writer", cae::test::iri("b")}}},
           {"level", "debug"},
           {"prefix", ""},
           {"maxBytes", 100}},
          4);
  run.add("pass", pass, forwarder("b", "c"), 5);
  run.add("rec", record, reader_of("c"), 6);
  run.connect("a", {"src"}, {"log"});
  run.connect("b", {"log"}, {"pass"});
  run.connect("c", {"pass"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 1);
  REQUIRE(result.error);
  CHECK(result.error->where == run.where("src"));
  // The stream never ended, so the reader that gathers it gets only the first message.
  CHECK(run.recorded("rec").messages == std::vector<std::string>{"m0"});
  CHECK(run.recorded("rec").close == shown("src") + " failed: the source broke");
  CHECK(blamed_in_log(run, "log") == 0);
  CHECK(blamed_in_log(run, "pass") == 0);
  CHECK_FALSE(listed(result.not_finished, shown("log")));
  CHECK_FALSE(listed(result.not_finished, shown("pass")));
}

TEST_CASE("a slow consumer holds its queue at the bound, and nothing is lost") {
  RunHarness run;
  run.options.queue.messages = 8;
  run.add("gen", generate, generator(500, 0, "c"), 3);
  run.add("rec", record, {{"input", {{"reader", cae::test::iri("c")}}}, {"slow", 500}}, 4);
  run.connect("c", {"gen"}, {"rec"});
  const auto result = run.run();
  CHECK(result.exit_code == 0);
  CHECK(run.recorded("rec").messages == numbers(500));
  CHECK(run.recorded("rec").close == "closed");
  REQUIRE(result.channels.size() == 1);
  CHECK(result.channels[0].messages == 500);
  // The writer outran the reader, so the queue reached its bound, and never went past it.
  CHECK(result.channels[0].peak_queue == 8);
  CHECK(result.discarded == 0);
}
