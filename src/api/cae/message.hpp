// Messages: immutable, reference-counted byte buffers (spec/channels.md §1).
//
// A Message is a handle. Copying it shares the buffer (one atomic increment); moving it shares
// nothing new. Channels, fan-out and queues pass handles, never bytes, so a buffer of any size
// crosses any number of in-memory hops without being copied. The buffer is freed when the last
// handle lets go, on whichever thread that happens.
#pragma once

#include <atomic>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace cae {

namespace detail {

// The shared header of one buffer. For copied bytes the bytes follow the header in the same
// allocation; an adopted std::string lives in a subclass (see message.cpp).
struct MessageBlock {
  std::atomic<std::size_t> refs{1};
  const char* data = nullptr;
  std::size_t size = 0;
  void (*destroy)(MessageBlock*) noexcept = nullptr;
};

}  // namespace detail

class Message {
 public:
  // The empty message; it allocates nothing.
  Message() noexcept = default;

  // Adopts the string's buffer: its bytes are not copied (short strings live inside the
  // header's allocation instead).
  explicit Message(std::string&& bytes);

  // Copies `bytes` into a new buffer: one allocation holding the header and the bytes.
  static Message copy(std::string_view bytes);
  static Message copy(std::span<const std::byte> bytes);

  Message(const Message& other) noexcept : block_(other.block_) { retain(); }
  Message(Message&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
  Message& operator=(const Message& other) noexcept {
    Message(other).swap(*this);
    return *this;
  }
  Message& operator=(Message&& other) noexcept {
    Message(std::move(other)).swap(*this);
    return *this;
  }
  ~Message() { release(); }

  void swap(Message& other) noexcept { std::swap(block_, other.block_); }

  [[nodiscard]] std::size_t size() const noexcept { return block_ ? block_->size : 0; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  // Read-only views; valid while any handle to this buffer lives.
  [[nodiscard]] const char* data() const noexcept { return block_ ? block_->data : ""; }
  [[nodiscard]] std::string_view text() const noexcept { return {data(), size()}; }
  [[nodiscard]] std::span<const std::byte> bytes() const noexcept {
    return {reinterpret_cast<const std::byte*>(data()), size()};
  }

  // True when both handles share one buffer (pointer identity: no copy was made).
  [[nodiscard]] bool shares_buffer_with(const Message& other) const noexcept {
    return block_ == other.block_;
  }
  // How many handles share this buffer (0 for the empty message without a buffer).
  [[nodiscard]] std::size_t use_count() const noexcept {
    return block_ ? block_->refs.load(std::memory_order_relaxed) : 0;
  }

 private:
  explicit Message(detail::MessageBlock* block) noexcept : block_(block) {}

  void retain() const noexcept {
    if (block_) block_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release() noexcept {
    if (block_ && block_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      block_->destroy(block_);
    }
  }

  detail::MessageBlock* block_ = nullptr;
};

}  // namespace cae
