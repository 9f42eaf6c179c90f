// One reader's queue: a growable ring of message handles with a byte count. The bounds are
// checked by the channel (has_room); the ring grows by doubling until it fits the largest
// backlog the bounds allow, then never allocates again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "cae/message.hpp"

namespace cae::runtime {

// Where an entry sits in its message: a plain message is `whole`; a stream is `begin`, its
// chunks, and `end`.
enum class Part : std::uint8_t { whole, begin, chunk, end };

struct Entry {
  Message bytes;
  Part part = Part::whole;
};

struct QueueBounds {
  std::uint64_t messages = 256;
  std::uint64_t bytes = std::uint64_t{16} << 20;
};

class EntryQueue {
 public:
  // An empty queue always accepts one entry, so a message above the byte bound still passes.
  [[nodiscard]] bool has_room(std::size_t size, const QueueBounds& bounds) const noexcept {
    return count_ == 0 || (count_ < bounds.messages && bytes_ + size <= bounds.bytes);
  }

  // Takes the entry's handle, leaving `entry` empty.
  void push(Entry&& entry) {
    if (count_ == ring_.size()) grow();
    bytes_ += entry.bytes.size();
    // Free slots hold empty handles (pop moves out of its slot), so a swap fills one without
    // a release to check.
    Entry& slot = ring_[(head_ + count_) & (ring_.size() - 1)];
    slot.bytes.swap(entry.bytes);
    slot.part = entry.part;
    ++count_;
  }

  Entry pop() noexcept {
    Entry entry = std::move(ring_[head_]);
    head_ = (head_ + 1) & (ring_.size() - 1);
    --count_;
    bytes_ -= entry.bytes.size();
    return entry;
  }

  // Drops every entry; returns how many messages (whole or begun streams) were dropped.
  std::uint64_t clear() noexcept {
    std::uint64_t messages = 0;
    while (count_ > 0) {
      const Part part = pop().part;
      if (part == Part::whole || part == Part::begin) ++messages;
    }
    return messages;
  }

  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] std::uint64_t bytes() const noexcept { return bytes_; }

 private:
  // Out of line and marked cold: it runs a handful of times per queue, and keeping it out of
  // push() lets the hot path inline into Channel::offer.
  [[gnu::noinline, gnu::cold]] void grow() {
    std::vector<Entry> bigger(ring_.empty() ? 16 : ring_.size() * 2);
    for (std::size_t i = 0; i < count_; ++i) {
      bigger[i] = std::move(ring_[(head_ + i) & (ring_.size() - 1)]);
    }
    ring_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<Entry> ring_;  // size is zero or a power of two
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace cae::runtime
