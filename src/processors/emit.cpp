// cae:Emit: writes a fixed list of texts, one message each, in order, then closes its output;
// the smallest source, used by the specification's examples (spec/vocabulary.md §4).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cae/processor.hpp"
#include "cae/registry.hpp"

namespace cae::processors {
namespace {

// One buffer per text, made once: a write only hands its handle to the channel.
std::vector<Message> messages_of(std::vector<std::string> texts) {
  std::vector<Message> out;
  out.reserve(texts.size());
  for (auto& text : texts) out.emplace_back(std::move(text));
  return out;
}

class Emit final : public Processor {
 public:
  explicit Emit(Context& context)
      : Processor(context),
        output_(args().writer("output")),
        texts_(messages_of(args().strings("text"))),
        interval_(args().integer("intervalMs")) {
    if (interval_ < 0) throw ArgumentError("intervalMs must not be negative");
  }

  Flow produce() override {
    const Flow produced = produced_.flow();
    write_more();
    return produced;
  }

  void stop() noexcept override {
    stopped_ = true;
    timer_.cancel();
    // A pending write finishes first: its continuation sees stopped_ and closes.
    if (!writing_) finish();
  }

 private:
  // Writes until a write has to wait, a pause is due, or every text is sent. A loop rather
  // than recursion, so that a long list of ready writes does not grow the stack.
  void write_more() {
    while (!stopped_ && next_ < texts_.size()) {
      const Flow written = output_.write(texts_[next_++]);
      if (written.pending()) {
        writing_ = true;
        written.then([this](Outcome outcome) { after_write(outcome); });
        return;
      }
      if (!continue_after(written.outcome())) return;
    }
    finish();
  }

  void after_write(Outcome outcome) {
    writing_ = false;
    if (continue_after(outcome)) write_more();
  }

  // False when the next text must not follow at once: the run stopped, every reader left (a
  // cancelled write), the channel failed, all is sent, or a pause starts.
  bool continue_after(Outcome outcome) {
    if (stopped_ || outcome != Outcome::done || next_ == texts_.size()) {
      finish();
      return false;
    }
    if (interval_ == 0) return true;
    timer_ =
        context().start_timer(std::chrono::milliseconds{interval_}, {}, [this] { write_more(); });
    return false;
  }

  // Safe to repeat: a second close and a second completion are no-ops.
  void finish() {
    output_.close();
    produced_.complete();
  }

  Writer& output_;
  std::vector<Message> texts_;
  std::int64_t interval_;
  std::size_t next_ = 0;
  bool writing_ = false;
  bool stopped_ = false;
  Timer timer_;
  Promise produced_;
};

}  // namespace

void register_emit(Registry& registry) {
  registry.add("https://w3id.org/cae#Emit", make_processor<Emit>);
}

}  // namespace cae::processors
