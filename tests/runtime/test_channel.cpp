// The channel contract of spec/channels.md §2 on a bare channel.
#include "channel_harness.hpp"

using namespace cae;
using runtime::Channel;
using runtime::QueueBounds;
using test::Collector;
using test::FakeHost;
using test::Feeder;
using test::numbered;

TEST_CASE("a channel delivers in FIFO order and closes exactly once after the last message") {
  test::Harness h;
  FakeHost producer{"<gen>"};
  FakeHost consumer{"<sink>"};
  Channel channel{"urn:c", "<c>", QueueBounds{4, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  Collector sink{reader};
  reader.activate();
  Feeder feeder{writer, numbered(1000)};
  feeder.start();
  h.run();
  CHECK(sink.got == numbered(1000));
  CHECK(sink.closes == std::vector<std::string>{"closed"});
  CHECK(consumer.closes == std::vector<std::string>{"closed"});
  CHECK(feeder.pauses > 0);  // the bound of 4 paused the writer
  CHECK(channel.closed());
  CHECK(channel.counts().messages == 1000);
}

TEST_CASE("a channel without messages still delivers its close once") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  Collector sink{reader};
  reader.activate();
  writer.close();
  writer.close();  // a second close is a no-op
  h.run();
  CHECK(sink.got.empty());
  CHECK(sink.closes == std::vector<std::string>{"closed"});
}

TEST_CASE("fan-out: every reader gets every message, sharing one buffer") {
  test::Harness h;
  FakeHost producer;
  FakeHost left_host;
  FakeHost right_host;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& left = channel.add_reader(left_host);
  auto& right = channel.add_reader(right_host);
  std::vector<const char*> left_buffers;
  std::vector<const char*> right_buffers;
  left.on_message([&](Message m) {
    left_buffers.push_back(m.data());
    return Flow::done();
  });
  right.on_message([&](Message m) {
    right_buffers.push_back(m.data());
    return Flow::done();
  });
  left.activate();
  right.activate();
  const Message one = Message::copy("one");
  const Message two = Message::copy("two");
  CHECK(writer.write(one).ready());
  CHECK(writer.write(two).ready());
  writer.close();
  h.run();
  CHECK(left_buffers == std::vector<const char*>{one.data(), two.data()});
  CHECK(right_buffers == left_buffers);
  CHECK(one.use_count() == 1);  // the queues let go of their handles
}

TEST_CASE("fan-in: the channel closes when the last writer closes; each writer keeps its order") {
  test::Harness h;
  FakeHost first_host{"<a>"};
  FakeHost second_host{"<b>"};
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{3, 1 << 20}, h.env};
  auto& first = channel.add_writer(first_host);
  auto& second = channel.add_writer(second_host);
  auto& reader = channel.add_reader(consumer);
  Collector sink{reader};
  reader.activate();
  Feeder a{first, numbered(50, "a")};
  Feeder b{second, numbered(80, "b"), false};
  a.start();
  b.start();
  h.run();
  CHECK(sink.got.size() == 130);
  CHECK(sink.closes.empty());  // the second writer is still open
  CHECK_FALSE(channel.closed());
  second.close();
  h.run();
  CHECK(sink.closes == std::vector<std::string>{"closed"});
  std::vector<std::string> from_a;
  std::vector<std::string> from_b;
  for (const auto& text : sink.got) (text[0] == 'a' ? from_a : from_b).push_back(text);
  CHECK(from_a == numbered(50, "a"));
  CHECK(from_b == numbered(80, "b"));
}

TEST_CASE("a close while the writer is paused still delivers the pending message first") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{2, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  CHECK(writer.write(Message::copy("1")).ready());
  CHECK(writer.write(Message::copy("2")).ready());
  const Flow third = writer.write(Message::copy("3"));
  CHECK(third.pending());
  writer.close();
  Collector sink{reader};  // a late consumer loses nothing
  reader.activate();
  h.run();
  CHECK(third.ready());
  CHECK(third.outcome() == Outcome::done);
  CHECK(sink.got == std::vector<std::string>{"1", "2", "3"});
  CHECK(sink.closes == std::vector<std::string>{"closed"});
}

TEST_CASE("a write after close is a fatal error of the writer's processor") {
  test::Harness h;
  FakeHost producer{"<gen>"};
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  channel.add_reader(consumer);
  writer.close();
  const Flow late = writer.write(Message::copy("late"));
  CHECK(late.outcome() == Outcome::failed);
  CHECK(producer.failures == std::vector<std::string>{"produce: write after close on channel <c>"});
  CHECK(channel.counts().messages == 0);
}

TEST_CASE("a close with an error arrives after the queued messages; other writers then fail") {
  test::Harness h;
  FakeHost first_host;
  FakeHost second_host;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& first = channel.add_writer(first_host);
  auto& second = channel.add_writer(second_host);
  auto& reader = channel.add_reader(consumer);
  Collector sink{reader};
  reader.activate();
  CHECK(first.write(Message::copy("kept")).ready());
  first.fail("disk full");
  CHECK(second.write(Message::copy("refused")).outcome() == Outcome::failed);
  h.run();
  CHECK(sink.got == std::vector<std::string>{"kept"});
  CHECK(sink.closes == std::vector<std::string>{"disk full"});
  CHECK(consumer.closes == std::vector<std::string>{"disk full"});
  CHECK(first_host.failures.empty());  // an error close outside a stream is no fatal error
}

TEST_CASE("when every reader detaches, writes complete as cancelled and are discarded") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{1, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  CHECK(writer.write(Message::copy("queued")).ready());
  const Flow paused = writer.write(Message::copy("parked"));
  CHECK(paused.pending());
  reader.detach();
  h.run();
  CHECK(paused.outcome() == Outcome::cancelled);
  CHECK(writer.write(Message::copy("after")).outcome() == Outcome::cancelled);
  CHECK(h.env.discarded == 3);
  CHECK(consumer.closes == std::vector<std::string>{"closed"});  // detached counts as done
  CHECK(producer.failures.empty());
}

TEST_CASE("a handler whose Flow is cancelled detaches its reader, so cancellation travels up") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  int seen = 0;
  reader.on_message([&](Message) {
    ++seen;
    return Flow::cancelled();
  });
  reader.activate();
  CHECK(writer.write(Message::copy("1")).ready());
  CHECK(writer.write(Message::copy("2")).ready());
  h.run();
  CHECK(seen == 1);
  CHECK(reader.detached());
  CHECK(writer.write(Message::copy("3")).outcome() == Outcome::cancelled);
}

TEST_CASE("a reader with no handler after transform detaches") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer{"<idle>"};
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  CHECK(writer.write(Message::copy("x")).ready());
  reader.activate();
  CHECK(reader.detached());
  CHECK(h.log == "<idle>: debug: nothing reads channel <c>; detached\n");
}
