#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Flow;
using cae::Message;
using cae::Outcome;
using cae::Writer;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string count = "https://w3id.org/cae#Count";

json arguments(const json& fields = json::object()) {
  json all = {{"input", {{"reader", "in"}}}};
  all.update(fields);
  return all;
}

const json with_output = {{"output", {{"writer", "out"}}}};

// Writes one stream of `chunks` chunks, all sharing `chunk`'s buffer, honouring each write's
// Flow, then closes.
class StreamFeeder {
 public:
  StreamFeeder(Writer& writer, Message chunk, std::size_t chunks)
      : writer_(writer), chunk_(std::move(chunk)), left_(chunks) {}

  void start() {
    for (;;) {
      const Flow written = next();
      if (writer_.closed()) return;
      if (written.pending()) {
        ++pauses;
        written.then([this](Outcome) { start(); });
        return;
      }
    }
  }

  std::size_t pauses = 0;

 private:
  Flow next() {
    if (!begun_) {
      begun_ = true;
      return writer_.begin_stream();
    }
    if (left_ > 0) {
      --left_;
      return writer_.write_chunk(chunk_);
    }
    Flow ended = writer_.end_stream();
    writer_.close();  // a pending write is still delivered first
    return ended;
  }

  Writer& writer_;
  Message chunk_;
  std::size_t left_;
  bool begun_ = false;
};

}  // namespace

TEST_CASE("Count logs and writes the totals as JSON when its input closes") {
  ProcessorHarness run{arguments(with_output)};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(count);
  for (const char* text : {"alpha", "", "gamma ✓"}) CHECK(in.write(Message::copy(text)).ready());
  CHECK(out.empty());  // nothing before the close
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.logged() == std::vector<std::string>{"info: 3 messages, 14 bytes"});
  CHECK(out == std::vector<std::string>{R"(message {"messages":3,"bytes":14})", "closed"});
}

TEST_CASE("Count of no messages reports zero") {
  ProcessorHarness run{arguments(with_output)};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(count);
  in.close();
  run.run();
  CHECK(run.logged() == std::vector<std::string>{"info: 0 messages, 0 bytes"});
  CHECK(out == std::vector<std::string>{R"(message {"messages":0,"bytes":0})", "closed"});
}

TEST_CASE("Count counts a stream as one message of all its chunks' bytes") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  run.start(count);
  CHECK(in.write(Message::copy("x")).ready());
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(Message::copy("ab")).ready());
  CHECK(in.write_chunk(Message::copy("cde")).ready());
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.logged() == std::vector<std::string>{"info: 2 messages, 6 bytes"});
}

TEST_CASE("Count takes a stream larger than its queue chunk by chunk") {
  // 200 chunks of 100 KiB, about 20 MB: past the 16 MiB queue bound, so the writer has to wait.
  ProcessorHarness run{arguments()};
  StreamFeeder feeder{run.feed("in"), Message{std::string(std::size_t{100} * 1024, 'x')}, 200};
  run.start(count);
  feeder.start();
  run.run();
  CHECK(run.failures().empty());
  CHECK(feeder.pauses > 0);
  CHECK(run.logged() == std::vector<std::string>{"info: 1 messages, 20480000 bytes"});
}

TEST_CASE("Count with the expected number of messages succeeds") {
  ProcessorHarness run{arguments({{"expect", 2}})};
  auto& in = run.feed("in");
  run.start(count);
  CHECK(in.write(Message::copy("a")).ready());
  CHECK(in.write(Message::copy("b")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
}

TEST_CASE("Count fails when the count differs from expect, and fails its output") {
  ProcessorHarness run{arguments({{"expect", 3}, {"output", {{"writer", "out"}}}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(count);
  CHECK(in.write(Message::copy("a")).ready());
  CHECK(in.write(Message::copy("b")).ready());
  in.close();
  run.run();
  CHECK(run.failures() == std::vector<std::string>{"transform: expected 3 messages, received 2"});
  CHECK(run.logged() == std::vector<std::string>{"info: 2 messages, 2 bytes"});
  CHECK(out == std::vector<std::string>{"expected 3 messages, received 2"});
}

TEST_CASE("Count passes on the error its input closed with, without checking expect") {
  ProcessorHarness run{arguments({{"expect", 5}, {"output", {{"writer", "out"}}}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(count);
  CHECK(in.write(Message::copy("abc")).ready());
  in.fail("upstream broke");
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.logged() == std::vector<std::string>{"info: 1 messages, 3 bytes"});
  CHECK(out == std::vector<std::string>{"upstream broke"});
}

TEST_CASE("Count refuses a negative expect") {
  ProcessorHarness run{arguments({{"expect", -1}})};
  run.start(count);
  CHECK(run.failures() == std::vector<std::string>{"init: expect must not be negative"});
}

TEST_CASE("Count with timing adds the monotonic times of the first message and the close") {
  ProcessorHarness run{arguments({{"output", {{"writer", "out"}}}, {"timing", true}})};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(count);
  const auto before = std::chrono::steady_clock::now().time_since_epoch();
  CHECK(in.write(Message::copy("a")).ready());
  CHECK(in.write(Message::copy("bc")).ready());
  in.close();
  run.run();
  const auto after = std::chrono::steady_clock::now().time_since_epoch();
  REQUIRE(out.size() == 2);
  const json totals = json::parse(out.front().substr(std::string{"message "}.size()));
  CHECK(totals["messages"] == 2);
  CHECK(totals["bytes"] == 3);
  const auto first = totals["first_ns"].get<std::int64_t>();
  const auto last = totals["last_ns"].get<std::int64_t>();
  CHECK(std::chrono::nanoseconds{first} >= before);
  CHECK(first <= last);
  CHECK(std::chrono::nanoseconds{last} <= after);
}
