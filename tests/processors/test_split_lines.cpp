#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Message;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string split_lines = "https://w3id.org/cae#SplitLines";

json arguments(bool keep_line_ends) {
  return {{"input", {{"reader", "in"}}},
          {"output", {{"writer", "out"}}},
          {"keepLineEnds", keep_line_ends}};
}

}  // namespace

TEST_CASE("SplitLines writes one message per line; lines do not cross messages") {
  ProcessorHarness run{arguments(false)};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(split_lines);
  CHECK(in.write(Message::copy("one\r\ntwo\n\nthree")).ready());
  CHECK(in.write(Message::copy("four\n")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == std::vector<std::string>{"message one", "message two", "message ", "message three",
                                        "message four", "closed"});
}

TEST_CASE("SplitLines splits a stream as its chunks arrive, lines spanning chunks") {
  ProcessorHarness run{arguments(true)};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(split_lines);
  CHECK(in.begin_stream().ready());
  for (const char* chunk : {"al", "pha\nbe", "ta\r", "\ngam", "ma"}) {
    CHECK(in.write_chunk(Message::copy(chunk)).ready());
  }
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(out ==
        std::vector<std::string>{"message alpha\n", "message beta\r\n", "message gamma", "closed"});
}

TEST_CASE("SplitLines holds back its input while its output queue is full") {
  ProcessorHarness run{arguments(false)};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(split_lines);
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "line " + std::to_string(i) + "\n";
  CHECK(in.write(Message::copy(many)).ready());
  in.close();
  run.run();
  REQUIRE(out.size() == 1001);
  CHECK(out[999] == "message line 999");
}
