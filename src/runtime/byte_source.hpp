// ByteSource implementations: regular files and devices are read with short synchronous
// read() calls, one chunk per task; pipes, terminals and sockets through a libuv stream, whose
// reading stops while a chunk's Flow is pending (the writer on the other side is then pushed
// back by the pipe). Callbacks run as the reading processor's code.
#pragma once

#include <optional>
#include <string>

#include "cae/io.hpp"
#include "runtime/any_stream.hpp"
#include "runtime/end_host.hpp"

namespace cae::runtime {

inline constexpr std::size_t read_chunk_bytes = 64 * 1024;

// Shared by both kinds: the receivers, the host they run as, and ending exactly once.
class SourceBase : public ByteSource {
 public:
  void start(ChunkReceiver on_chunk, EndReceiver on_end) override;
  // The processor that reads this source; set when it is handed out.
  void bind(EndHost& host) noexcept { host_ = &host; }
  [[nodiscard]] bool bound() const noexcept { return host_ != nullptr; }

 protected:
  virtual void begin() = 0;
  // Passes a chunk on; true when the next may be read at once, else `resume` runs later.
  bool pass(Message chunk, void (*resume)(SourceBase&));
  void end(const std::optional<std::string>& error) noexcept;
  [[nodiscard]] bool ended() const noexcept { return ended_; }

 private:
  EndHost* host_ = nullptr;
  ChunkReceiver on_chunk_;
  EndReceiver on_end_;
  bool started_ = false;
  bool ended_ = false;
};

class FileSource final : public SourceBase, private Task {
 public:
  // Takes ownership of `fd`.
  FileSource(int fd, Scheduler& scheduler) noexcept : fd_(fd), scheduler_(scheduler) {}
  ~FileSource() override;
  void stop() override;

 private:
  void begin() override { scheduler_.schedule(*this); }
  void run() noexcept override;

  int fd_;
  Scheduler& scheduler_;
};

class StreamSource final : public SourceBase {
 public:
  // Reads a duplicate of `fd`; the owner calls close() and keeps this alive until closed().
  StreamSource(uv_loop_t* loop, int fd);
  ~StreamSource() override = default;
  void stop() override;
  void close() noexcept;
  [[nodiscard]] bool closed() const noexcept { return state_ == State::closed; }

 private:
  enum class State : std::uint8_t { open, closing, closed };

  void begin() override;
  int start_reading();
  void read(ssize_t count);

  AnyStream stream_{};
  std::string buffer_;  // the next chunk's memory; adopted by its message
  std::optional<std::string> open_error_;
  int original_fd_ = -1;
  int original_flags_ = -1;
  State state_ = State::open;
};

}  // namespace cae::runtime
