// Flow: the completion of an operation that may have to wait, such as a write that meets a full
// queue (spec/channels.md §3) or a lifecycle phase that finishes later (§4).
//
// A Flow is a small value: either ready with an Outcome, or pending on a Promise that its
// producer owns and completes later. Returning a write's Flow from a reader's handler is how
// backpressure travels upstream: the reader takes nothing more until that Flow is ready.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cae {

enum class Outcome : std::uint8_t {
  done,       // completed normally
  cancelled,  // discarded on purpose: every reader of the channel has detached; not an error
  failed,     // did not happen: the channel was closed with an error, or the operation failed
};

class Promise;

class [[nodiscard]] Flow {
 public:
  static constexpr Flow done() noexcept { return Flow{nullptr, Outcome::done}; }
  static constexpr Flow cancelled() noexcept { return Flow{nullptr, Outcome::cancelled}; }
  static constexpr Flow failed() noexcept { return Flow{nullptr, Outcome::failed}; }

  [[nodiscard]] bool ready() const noexcept;
  [[nodiscard]] bool pending() const noexcept { return !ready(); }
  // The outcome once ready.
  [[nodiscard]] Outcome outcome() const noexcept;

  // The message of a failed outcome when the promise gave one (Promise::fail), else empty.
  [[nodiscard]] std::string_view error() const noexcept;

  // Runs `next` once with the outcome: at once when ready, else when the promise completes (on
  // the loop thread, from the completer's call). A pending Flow takes one continuation only.
  void then(std::function<void(Outcome)> next) const;

 private:
  friend class Promise;
  constexpr Flow(Promise* promise, Outcome outcome) noexcept
      : promise_(promise), outcome_(outcome) {}

  Promise* promise_;  // not owned; null for a Flow that was ready when made
  Outcome outcome_;
};

// The producing side of a pending Flow. Its owner keeps it alive (usually as a member) until it
// completes; it can be armed again after each completion. Not copyable or movable, because
// pending Flows point at it.
class Promise {
 public:
  Promise() = default;
  Promise(const Promise&) = delete;
  Promise& operator=(const Promise&) = delete;

  // Arms the promise and returns the Flow that waits for it. A Flow obtained earlier refers to
  // the new round, so let each Flow go once its continuation has run.
  Flow flow() {
    if (pending_) throw std::logic_error("promise is already pending");
    pending_ = true;
    error_.clear();
    return Flow{this, Outcome::done};
  }

  // Completes the pending round and runs the continuation, if any; no-op when not pending.
  void complete(Outcome outcome = Outcome::done) {
    if (!pending_) return;
    pending_ = false;
    outcome_ = outcome;
    auto next = std::exchange(next_, nullptr);
    if (next) next(outcome);
  }
  // Completes with Outcome::failed; `message` is what a failure report shows.
  void fail(std::string message) {
    if (!pending_) return;
    error_ = std::move(message);
    complete(Outcome::failed);
  }

  [[nodiscard]] bool pending() const noexcept { return pending_; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  friend class Flow;
  std::function<void(Outcome)> next_;
  std::string error_;
  bool pending_ = false;
  Outcome outcome_ = Outcome::done;
};

inline bool Flow::ready() const noexcept {
  return promise_ == nullptr || !promise_->pending_;
}

inline Outcome Flow::outcome() const noexcept {
  return promise_ == nullptr ? outcome_ : promise_->outcome_;
}

inline void Flow::then(std::function<void(Outcome)> next) const {
  if (ready()) {
    next(outcome());
    return;
  }
  if (promise_->next_) throw std::logic_error("a pending Flow takes one continuation only");
  promise_->next_ = std::move(next);
}

inline std::string_view Flow::error() const noexcept {
  return promise_ == nullptr ? std::string_view{} : std::string_view{promise_->error_};
}

}  // namespace cae
