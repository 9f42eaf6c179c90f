// The libuv side of a started program (child_process.cpp): its process handle and the parent
// ends of its three pipes, with the ByteSink and ByteSources that processors see.
#pragma once

#include <uv.h>

#include <cstdint>
#include <optional>
#include <string>

#include "cae/io.hpp"
#include "runtime/byte_source.hpp"
#include "runtime/end_host.hpp"

namespace cae::runtime {

class PipeSink;

// Heap-allocated, because libuv may still hold the handles after the program's owner is gone:
// close_all() closes them and the last close callback frees this.
struct ChildHandles {
  uv_process_t process{};
  uv_pipe_t pipes[3]{};       // standard input, output, error
  void* owner = nullptr;      // the RunningChild while it lives
  PipeSink* input = nullptr;  // idem, for write callbacks
  bool spawned = false;       // the process handle is initialised
  int open = 3;               // handles whose close callback has not run

  uv_stream_t* stream(int index) noexcept { return reinterpret_cast<uv_stream_t*>(&pipes[index]); }
  void close(uv_handle_t* handle) noexcept;
  void close_all() noexcept;
};

// The program's standard input: writes queue in libuv without copying the messages; a write is
// pending while more than high_water bytes are unsent.
class PipeSink final : public FileSink {
 public:
  static constexpr std::uint64_t high_water = 64 * 1024;

  PipeSink(ChildHandles& handles, EndHost& host) noexcept : handles_(handles), host_(host) {
    handles_.input = this;
  }
  ~PipeSink() = default;  // the owner clears handles.input before the handles may go
  PipeSink(const PipeSink&) = delete;
  PipeSink& operator=(const PipeSink&) = delete;

  Flow write(std::span<const Message> parts) override;
  using ByteSink::write;
  Flow close() override;
  // A write request finished (write callback).
  void sent(std::uint64_t bytes, int status) noexcept;

 private:
  Flow failed(Promise& promise, const std::string& reason);
  void close_pipe() noexcept;

  ChildHandles& handles_;
  EndHost& host_;
  std::uint64_t unsent_ = 0;
  std::optional<std::string> error_;
  bool closing_ = false;
  Promise room_;    // a write waits for the unsent bytes to drop
  Promise closed_;  // close() waits for the unsent bytes to go
};

// The program's standard output or error: read in chunks, no faster than they are taken.
class PipeSource final : public SourceBase {
 public:
  PipeSource(ChildHandles& handles, int index) noexcept : handles_(handles), index_(index) {}
  void stop() override;
  // The owner is going away: no more callbacks into this.
  void detach() noexcept;

 private:
  void begin() override;
  int start_reading();
  void read(ssize_t count);

  ChildHandles& handles_;
  int index_;
  std::string buffer_;  // the next chunk's memory; adopted by its message
  bool detached_ = false;
};

}  // namespace cae::runtime
