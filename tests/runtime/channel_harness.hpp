// A loop, a scheduler and stand-in processors for testing channels without the lifecycle.
#pragma once

#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/channel.hpp"
#include "runtime/loop.hpp"
#include "runtime/reader_end.hpp"
#include "runtime/writer_end.hpp"

namespace cae::test {

// Records what the channel layer reports to a processor.
struct FakeHost final : runtime::EndHost {
  explicit FakeHost(std::string host_name = "<p>") : host_name_(std::move(host_name)) {}

  std::string_view name() const noexcept override { return host_name_; }
  bool alive() const noexcept override { return alive_; }
  runtime::Phase phase() const noexcept override { return phase_; }
  runtime::Phase enter(runtime::Phase phase) noexcept override {
    return std::exchange(phase_, phase);
  }
  void fail(runtime::Phase phase, std::string message) noexcept override {
    failures.push_back(std::string{runtime::phase_name(phase)} + ": " + message);
  }
  void reader_done(const std::optional<std::string>& error) noexcept override {
    closes.push_back(error.value_or("closed"));
  }

  std::string host_name_;
  bool alive_ = true;
  runtime::Phase phase_ = runtime::Phase::produce;
  std::vector<std::string> failures;
  std::vector<std::string> closes;  // "closed" or the error of each reader_done
};

struct Harness {
  Harness() = default;
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;
  ~Harness() {
    scheduler.close();
    CHECK(loop.close() == 0);
  }

  // Runs until no task is left.
  void run() { loop.run(); }

  runtime::Loop loop;
  runtime::Scheduler scheduler{loop.get()};
  std::string log;
  runtime::Logger logger{LogLevel::trace, [this](std::string_view line) { log += line; }};
  runtime::ChannelEnv env{scheduler, logger};
};

// Writes `texts` in order, honouring each write's Flow, then closes (unless told not to).
// Records the outcome of the last write.
class Feeder {
 public:
  Feeder(Writer& writer, std::vector<std::string> texts, bool close_at_end = true)
      : writer_(writer), texts_(std::move(texts)), close_at_end_(close_at_end) {}

  void start() {
    while (next_ < texts_.size()) {
      const Flow flow = writer_.write(Message::copy(texts_[next_++]));
      if (flow.pending()) {
        ++pauses;
        flow.then([this](Outcome outcome) {
          last = outcome;
          start();
        });
        return;
      }
      last = flow.outcome();
    }
    if (close_at_end_) writer_.close();
  }

  std::size_t pauses = 0;
  Outcome last = Outcome::done;

 private:
  Writer& writer_;
  std::vector<std::string> texts_;
  bool close_at_end_;
  std::size_t next_ = 0;
};

// Collects messages and the close of one reader.
struct Collector {
  explicit Collector(Reader& reader) {
    reader.on_message([this](Message message) {
      got.emplace_back(message.text());
      return Flow::done();
    });
    reader.on_close([this](const std::optional<std::string>& error) {
      closes.push_back(error.value_or("closed"));
      return Flow::done();
    });
  }
  std::vector<std::string> got;
  std::vector<std::string> closes;
};

inline std::vector<std::string> numbered(std::size_t count, const std::string& prefix = "m") {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

}  // namespace cae::test
