#include "runtime/write_queue.hpp"

namespace cae::runtime {
namespace {

Flow ready(Outcome outcome) {
  switch (outcome) {
    case Outcome::done: return Flow::done();
    case Outcome::cancelled: return Flow::cancelled();
    case Outcome::failed: return Flow::failed();
  }
  return Flow::failed();
}

}  // namespace

Flow WriteQueue::flush() {
  const std::optional<Outcome> outcome = write_until_pending();
  return outcome ? ready(*outcome) : drained_.flow();
}

Flow WriteQueue::start(Entry entry) {
  switch (entry.op) {
    case Op::message: return writer_.write(std::move(entry.bytes));
    case Op::begin: return writer_.begin_stream();
    case Op::chunk: return writer_.write_chunk(std::move(entry.bytes));
    case Op::end: return writer_.end_stream();
  }
  return Flow::failed();
}

std::optional<Outcome> WriteQueue::write_until_pending() {
  while (!entries_.empty()) {
    Entry entry = std::move(entries_.front());
    entries_.pop_front();
    const Flow written = start(std::move(entry));
    if (written.pending()) {
      // Runs later, from the loop, once the writer has room again.
      written.then([this](Outcome outcome) { resume(outcome); });
      return std::nullopt;
    }
    if (written.outcome() != Outcome::done) {
      entries_.clear();
      return written.outcome();
    }
  }
  return Outcome::done;
}

void WriteQueue::resume(Outcome outcome) {
  if (outcome != Outcome::done) {
    entries_.clear();
    drained_.complete(outcome);
    return;
  }
  if (const std::optional<Outcome> finished = write_until_pending()) drained_.complete(*finished);
}

}  // namespace cae::runtime
