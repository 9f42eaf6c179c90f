// What the runtime offers a processor: its identity and arguments, logging, timers, deferred
// work, byte I/O with backpressure (cae/io.hpp), and failure reporting. One Context per processor,
// owned by the runtime, valid for the processor's whole life. Loop thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "cae/arguments.hpp"
#include "cae/flow.hpp"
#include "cae/io.hpp"
#include "cae/message.hpp"

namespace cae {

enum class LogLevel : std::uint8_t { error, warn, info, debug, trace };

namespace detail {
// The runtime side of a Timer.
class TimerControl {
 public:
  virtual void cancel() noexcept = 0;

 protected:
  ~TimerControl() = default;
};
}  // namespace detail

// A running timer. Destroying or cancelling it stops the timer; it must not outlive its
// processor. Move-only; a moved-from Timer is empty.
class Timer {
 public:
  Timer() noexcept = default;
  explicit Timer(detail::TimerControl* control) noexcept : control_(control) {}
  Timer(Timer&& other) noexcept : control_(std::exchange(other.control_, nullptr)) {}
  Timer& operator=(Timer&& other) noexcept {
    if (this != &other) {
      cancel();
      control_ = std::exchange(other.control_, nullptr);
    }
    return *this;
  }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer() { cancel(); }

  void cancel() noexcept {
    if (control_ != nullptr) std::exchange(control_, nullptr)->cancel();
  }
  [[nodiscard]] bool active() const noexcept { return control_ != nullptr; }

 private:
  detail::TimerControl* control_ = nullptr;
};

class Context {
 public:
  virtual ~Context() = default;

  [[nodiscard]] virtual std::string_view id() const noexcept = 0;    // the processor's IRI or _:bN
  [[nodiscard]] virtual std::string_view type() const noexcept = 0;  // its class IRI
  // The id as messages print it: <name> under the pipeline's directory, else the full IRI.
  [[nodiscard]] virtual std::string_view name() const noexcept = 0;
  [[nodiscard]] virtual const Arguments& args() const noexcept = 0;

  // Log lines go to stderr as "NAME: LEVEL: MESSAGE" when the run's --log-level admits them.
  [[nodiscard]] virtual bool logs(LogLevel level) const noexcept = 0;
  virtual void log(LogLevel level, std::string_view message) = 0;

  // Calls `callback` after `delay`, then every `repeat` if it is non-zero. Exceptions thrown by
  // the callback fail the processor.
  virtual Timer start_timer(std::chrono::milliseconds delay, std::chrono::milliseconds repeat,
                            std::function<void()> callback) = 0;
  // Runs `callback` on the loop soon, after pending I/O: a way to yield in long work.
  virtual void post(std::function<void()> callback) = 0;

  // The process's standard output, shared by every processor of the run, in write order.
  virtual ByteSink& standard_output() = 0;
  // The process's standard input; one processor of a run may read it.
  virtual ByteSource& standard_input() = 0;
  // Files, relative to the working directory. Opening throws std::runtime_error with the
  // system's reason; later I/O errors arrive through the Flow or EndReceiver.
  virtual std::unique_ptr<ByteSource> open_file_source(const std::string& path) = 0;
  // `append`: keep the file's content and add to it; else truncate it first.
  virtual std::unique_ptr<FileSink> open_file_sink(const std::string& path, bool append) = 0;

  // Reports a fatal error of this processor in its current phase (spec/channels.md §5). The
  // run then stops its sources and this processor receives no further calls except stop().
  virtual void fail(std::string message) = 0;
};

}  // namespace cae
