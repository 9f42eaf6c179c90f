// Bounded queues (spec/channels.md §3): a slow consumer pauses the writer; memory stays within
// the bounds; nothing is dropped; a write never waits for the consumer to finish.
#include "channel_harness.hpp"

#include "runtime/handle.hpp"

using namespace cae;
using runtime::Channel;
using runtime::QueueBounds;
using test::FakeHost;
using test::Feeder;

namespace {

// Takes one loop turn per message: each handler call returns a Flow that a zero timer
// completes on the next iteration of the loop.
class SlowConsumer {
 public:
  SlowConsumer(uv_loop_t* loop, Reader& reader) {
    uv_timer_init(loop, timer_.get());
    timer_.initialized();
    timer_.get()->data = this;
    reader.on_message([this](Message message) {
      bytes += message.size();
      ++count;
      uv_timer_start(
          timer_.get(),
          [](uv_timer_t* t) { static_cast<SlowConsumer*>(t->data)->work_.complete(); }, 0, 0);
      return work_.flow();
    });
  }
  SlowConsumer(const SlowConsumer&) = delete;
  SlowConsumer& operator=(const SlowConsumer&) = delete;

  // Closes the timer; the loop must run once more before this object goes.
  void close() { timer_.close(); }

  std::size_t count = 0;
  std::size_t bytes = 0;

 private:
  runtime::Handle<uv_timer_t> timer_;
  Promise work_;
};

}  // namespace

TEST_CASE("a slow consumer keeps its queue within the message bound and loses nothing") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{8, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  {
    SlowConsumer slow{h.loop.get(), reader};
    reader.activate();
    Feeder feeder{writer, test::numbered(5000)};
    feeder.start();
    h.run();
    CHECK(slow.count == 5000);
    CHECK(feeder.pauses > 500);
    slow.close();
    h.run();
  }
  CHECK(reader.peak_entries() == 8);
  CHECK(h.env.discarded == 0);
}

TEST_CASE("the byte bound limits a queue too, and an oversized message passes alone") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{1000, 1000}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  std::vector<std::string> texts(300, std::string(100, 'x'));
  texts.push_back(std::string(5000, 'y'));  // larger than the byte bound
  texts.push_back("after");
  {
    SlowConsumer slow{h.loop.get(), reader};
    reader.activate();
    Feeder feeder{writer, texts};
    feeder.start();
    h.run();
    CHECK(slow.count == 302);
    CHECK(slow.bytes == 300 * 100 + 5000 + 5);
    slow.close();
    h.run();
  }
  CHECK(reader.peak_bytes() == 5000);  // the big one sat alone in its queue
  CHECK(reader.peak_entries() == 10);  // 10 × 100 bytes fill 1000
}

TEST_CASE("no lock-step: writes go on while the consumer is busy, until the queue is full") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{4, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  Promise busy;  // the consumer never finishes its first message during the test
  int taken = 0;
  reader.on_message([&](Message) {
    ++taken;
    return busy.flow();
  });
  reader.activate();
  CHECK(writer.write(Message::copy("0")).ready());
  h.run();
  CHECK(taken == 1);
  for (int i = 1; i <= 4; ++i) CHECK(writer.write(Message::copy(std::to_string(i))).ready());
  const Flow fifth = writer.write(Message::copy("5"));
  CHECK(fifth.pending());
  busy.complete();
  h.run();
  CHECK(taken == 2);  // the next message, and the parked write got its place
  CHECK(fifth.outcome() == Outcome::done);
  reader.detach();
}

TEST_CASE("fan-out waits for the slowest reader's queue") {
  test::Harness h;
  FakeHost producer;
  FakeHost fast_host;
  FakeHost slow_host;
  Channel channel{"urn:c", "<c>", QueueBounds{2, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& fast = channel.add_reader(fast_host);
  auto& slow = channel.add_reader(slow_host);
  test::Collector collector{fast};
  fast.activate();
  CHECK(writer.write(Message::copy("a")).ready());
  CHECK(writer.write(Message::copy("b")).ready());
  const Flow third = writer.write(Message::copy("c"));
  h.run();
  CHECK(collector.got == std::vector<std::string>{"a", "b"});
  CHECK(third.pending());  // the slow reader has not started: its queue is full
  test::Collector late{slow};
  slow.activate();
  writer.close();
  h.run();
  CHECK(third.outcome() == Outcome::done);
  CHECK(late.got == std::vector<std::string>{"a", "b", "c"});
  CHECK(collector.got == late.got);
}
