#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Message;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string log_class = "https://w3id.org/cae#Log";

json arguments(const json& fields) {
  json all = {{"input", {{"reader", "in"}}}, {"level", "info"}, {"prefix", ""}, {"maxBytes", 1000}};
  all.update(fields);
  return all;
}

}  // namespace

TEST_CASE("Log logs each message, escaped, and passes it on unchanged") {
  ProcessorHarness run{arguments({{"output", {{"writer", "out"}}}, {"prefix", "seen: "}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(log_class);
  CHECK(in.write(Message::copy("a\tb\n")).ready());
  CHECK(in.write(Message::copy(std::string{"\x01z", 2})).ready());
  in.close();
  run.run();
  CHECK(run.logged() == std::vector<std::string>{"info: seen: a\\tb\\n", "info: seen: \\x01z"});
  CHECK(out ==
        std::vector<std::string>{"message a\tb\n", std::string{"message \x01z", 10}, "closed"});
}

TEST_CASE("Log cuts long messages and says how long they were") {
  ProcessorHarness run{arguments({{"maxBytes", 4}, {"level", "warn"}})};
  auto& in = run.feed("in");
  run.start(log_class);
  CHECK(in.write(Message::copy("abcdefgh")).ready());
  in.close();
  run.run();
  CHECK(run.logged() == std::vector<std::string>{"warn: abcd… (8 bytes)"});
}

TEST_CASE("Log passes a stream through chunk by chunk") {
  ProcessorHarness run{arguments({{"output", {{"writer", "out"}}}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(log_class);
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(Message::copy("ab")).ready());
  CHECK(in.write_chunk(Message::copy("c")).ready());
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(out == std::vector<std::string>{"begin", "chunk ab", "chunk c", "end", "closed"});
  CHECK(run.logged() == std::vector<std::string>{"info: stream begins", "info: chunk: ab",
                                                 "info: chunk: c",
                                                 "info: stream ends after 3 bytes"});
}

TEST_CASE("Log logs nothing above the run's level and refuses unknown levels") {
  ProcessorHarness quiet{arguments({{"level", "trace"}})};
  auto& in = quiet.feed("in");
  quiet.start(log_class);
  CHECK(in.write(Message::copy("x")).ready());
  in.close();
  quiet.run();
  CHECK(quiet.logged().empty());

  ProcessorHarness bad{arguments({{"level", "loud"}})};
  bad.start(log_class);
  CHECK(bad.failures() ==
        std::vector<std::string>{
            "init: level: expected error, warn, info, debug or trace, found 'loud'"});
}
