// The reading end of a channel held by one processor: its bounded queue and its consumers.
// Deliveries run as a Task in batches; a handler's pending Flow pauses the end until it is
// ready, which is how backpressure reaches the writers upstream.
#pragma once

#include <optional>
#include <string>

#include "cae/channel.hpp"
#include "runtime/end_host.hpp"
#include "runtime/entry_queue.hpp"

namespace cae::runtime {

class Channel;

class ReaderEnd final : public Reader, private Task {
 public:
  ReaderEnd(Channel& channel, EndHost& host, ChannelEnv& env) noexcept
      : channel_(channel), host_(host), env_(env) {}

  [[nodiscard]] std::string_view channel() const noexcept override;
  void on_message(MessageHandler handler) override;
  void on_chunk(ChunkHandler handler) override;
  void on_close(CloseHandler handler) override;
  void detach() override;

  [[nodiscard]] EndHost& host() const noexcept { return host_; }
  // Starts deliveries once the processor's transform has completed. A reader without any
  // handler then detaches: nobody would ever take its messages.
  void activate();
  [[nodiscard]] bool detached() const noexcept { return detached_; }
  [[nodiscard]] bool done() const noexcept { return done_; }
  // The largest backlog this queue has held, to check the bounds.
  [[nodiscard]] std::size_t peak_entries() const noexcept { return peak_entries_; }
  [[nodiscard]] std::uint64_t peak_bytes() const noexcept { return peak_bytes_; }
  [[nodiscard]] const EntryQueue& queue() const noexcept { return queue_; }

  // For the channel.
  [[nodiscard]] bool has_room(std::size_t size, const QueueBounds& bounds) const noexcept {
    return queue_.has_room(size, bounds);
  }
  void enqueue(Entry&& entry) {
    queue_.push(std::move(entry));
    if (queue_.size() > peak_entries_) peak_entries_ = queue_.size();
    if (queue_.bytes() > peak_bytes_) peak_bytes_ = queue_.bytes();
    if (active_) env_.scheduler.schedule(*this);
  }
  void close_arrived(const std::optional<std::string>& error);
  // Drops the queue without delivering anything more; returns the messages dropped.
  std::uint64_t abandon() noexcept;

 private:
  // Entries delivered per run before other tasks get a turn.
  static constexpr std::size_t batch = 1024;

  void run() noexcept override;
  void deliver_batch();
  Flow deliver(Entry& entry);
  Flow gather(Entry entry);
  void deliver_close();
  void wait_for(const Flow& flow);
  void finish() noexcept;

  Channel& channel_;
  EndHost& host_;
  ChannelEnv& env_;
  EntryQueue queue_;
  MessageHandler on_message_;
  ChunkHandler on_chunk_;
  CloseHandler on_close_;
  std::string gathered_;
  std::optional<std::string> close_error_;
  std::size_t peak_entries_ = 0;
  std::uint64_t peak_bytes_ = 0;
  bool active_ = false;
  bool paused_ = false;
  bool detached_ = false;
  bool close_arrived_ = false;
  bool close_delivered_ = false;
  bool done_ = false;
  bool gathering_ = false;
};

}  // namespace cae::runtime
