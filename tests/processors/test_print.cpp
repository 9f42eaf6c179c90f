#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Message;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string print = "https://w3id.org/cae#Print";

json arguments(const std::string& prefix = "") {
  return {{"input", {{"reader", "in"}}}, {"prefix", prefix}};
}

}  // namespace

TEST_CASE("Print writes prefix, message and newline as three parts, the message not copied") {
  ProcessorHarness run{arguments("> ")};
  auto& in = run.feed("in");
  run.start(print);
  const Message hello = Message::copy("hello");
  CHECK(in.write(hello).ready());
  CHECK(in.write(Message::copy("")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.printed().text() == "> hello\n> \n");
  const auto& writes = run.printed().writes;
  REQUIRE(writes.size() == 2);
  REQUIRE(writes[0].size() == 3);
  CHECK(writes[0][0].text() == "> ");
  CHECK(writes[0][1].shares_buffer_with(hello));
  CHECK(writes[0][1].data() == hello.data());
  CHECK(writes[0][2].text() == "\n");
}

TEST_CASE("Print without a prefix prints each message on its own line") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  run.start(print);
  for (const char* text : {"one", "two ✓", "three"}) CHECK(in.write(Message::copy(text)).ready());
  in.close();
  run.run();
  CHECK(run.printed().text() == "one\ntwo ✓\nthree\n");
}

TEST_CASE("Print with no messages prints nothing and finishes at the close") {
  ProcessorHarness run{arguments("> ")};
  auto& in = run.feed("in");
  run.start(print);
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.channel("in").closed());
  CHECK(run.printed().writes.empty());
}

TEST_CASE("Print prints a stream chunk by chunk, on one line") {
  ProcessorHarness run{arguments("s: ")};
  auto& in = run.feed("in");
  run.start(print);
  const Message chunk = Message::copy("ab");
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(chunk).ready());
  CHECK(in.write_chunk(Message::copy("c")).ready());
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(run.printed().text() == "s: abc\n");
  const auto& writes = run.printed().writes;
  REQUIRE(writes.size() == 4);
  CHECK(writes[1].at(0).shares_buffer_with(chunk));
}

TEST_CASE("Print waits for standard output: one write at a time while it is behind") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  run.printed().held = true;
  run.start(print);
  for (const char* text : {"a", "b", "c"}) CHECK(in.write(Message::copy(text)).ready());
  in.close();
  for (std::size_t expected = 1; expected <= 3; ++expected) {
    run.run();
    // A second write while one is pending would throw in the sink and fail the processor.
    CHECK(run.printed().writes.size() == expected);
    run.printed().release();
  }
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.printed().text() == "a\nb\nc\n");
}

TEST_CASE("Print fails when standard output cannot be written") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  run.printed().held = true;
  run.start(print);
  CHECK(in.write(Message::copy("a")).ready());
  run.run();
  run.printed().fail("broken pipe");
  run.run();
  REQUIRE(run.failures().size() == 1);
  CHECK(run.failures()[0].find("cannot write standard output: broken pipe") != std::string::npos);
}
