// A Writer that records what is written, for tests of code that writes with backpressure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cae/channel.hpp"

namespace cae::test {

// Records what is written; `hold` makes the next write pending until release() is called.
class RecordingWriter final : public Writer {
 public:
  [[nodiscard]] std::string_view channel() const noexcept override { return "test"; }
  Flow write(Message message) override {
    kept.push_back(message);
    return record("message " + std::string{message.text()});
  }
  Flow begin_stream() override { return record("begin"); }
  Flow write_chunk(Message chunk) override {
    kept.push_back(chunk);
    return record("chunk " + std::string{chunk.text()});
  }
  Flow end_stream() override { return record("end"); }
  void close() override { closed_ = true; }
  void fail(std::string /*error*/) override { closed_ = true; }
  void forward_close(const std::optional<std::string>& /*error*/) override { closed_ = true; }
  [[nodiscard]] bool closed() const noexcept override { return closed_; }

  void release(Outcome outcome = Outcome::done) { held_.complete(outcome); }

  std::vector<std::string> log;
  std::vector<Message> kept;  // every message and chunk written, still shared
  bool hold = false;
  Outcome next_outcome = Outcome::done;

 private:
  Flow record(std::string entry) {
    log.push_back(std::move(entry));
    if (hold) {
      hold = false;
      return held_.flow();
    }
    if (next_outcome == Outcome::cancelled) return Flow::cancelled();
    return next_outcome == Outcome::failed ? Flow::failed() : Flow::done();
  }

  Promise held_;
  bool closed_ = false;
};

}  // namespace cae::test
