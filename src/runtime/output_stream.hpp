// An ordered byte stream to a file descriptor: standard output or a file being written.
// Writes are batched per loop turn and keep the messages' buffers alive until sent, without
// copying them. Pipes, terminals and sockets go through a libuv stream, so a slow reader
// pushes back; regular files and devices get short synchronous writev calls.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cae/message.hpp"
#include "runtime/any_stream.hpp"
#include "runtime/scheduler.hpp"

namespace cae::runtime {

class OutputStream final : private Task {
 public:
  // Bytes unsent above which writers wait, and below which they go on.
  static constexpr std::uint64_t high_water = std::uint64_t{1} << 20;
  static constexpr std::uint64_t low_water = high_water / 2;

  // Writes to `fd`. With `take_fd` the stream owns and closes `fd` (and treats it as a file);
  // else it works on a duplicate and restores the descriptor's flags when closed, so the
  // caller's descriptor stays as it was.
  OutputStream(uv_loop_t* loop, Scheduler& scheduler, int fd, bool take_fd);
  ~OutputStream() override;
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  // Queues the parts. False when more than high_water is unsent: the writer should wait().
  bool write(std::span<const Message> parts);
  // Schedules `waiter` once the unsent bytes drop to low_water or the stream fails.
  void wait(Task& waiter);
  void unwait(Task& waiter) noexcept;
  // Schedules `waiter` once every byte has been sent (or the stream failed): a run's output is
  // complete before the run ends.
  void wait_empty(Task& waiter);

  [[nodiscard]] const std::optional<std::string>& error() const noexcept { return error_; }
  [[nodiscard]] std::uint64_t unsent() const noexcept { return unsent_; }

  // Writes what is queued to a file at once; a stream's queued bytes are sent before it closes.
  void flush_now();
  // Closes the descriptor (files: at once; streams: when the loop runs the close callback).
  void close() noexcept;
  [[nodiscard]] bool closed() const noexcept { return state_ == State::closed; }

 private:
  enum class State : std::uint8_t { open, closing, closed };
  struct WriteRequest;

  void open_stream(uv_loop_t* loop, int fd);
  void run() noexcept override;
  void send(std::vector<Message> parts, std::uint64_t bytes);
  void write_file(const std::vector<Message>& parts);
  void sent(std::uint64_t bytes, int status);
  void fail(std::string reason);
  void wake_waiters() noexcept;

  Scheduler& scheduler_;
  AnyStream stream_{};
  bool is_stream_ = false;
  int fd_ = -1;           // the descriptor written (a duplicate unless taken)
  int original_fd_ = -1;  // the caller's descriptor, whose flags are restored
  int original_flags_ = -1;
  State state_ = State::open;
  std::vector<Message> batch_;
  std::uint64_t unsent_ = 0;
  std::vector<Task*> waiters_;
  std::vector<Task*> empty_waiters_;
  std::optional<std::string> error_;
};

}  // namespace cae::runtime
