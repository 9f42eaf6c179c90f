#include "processors/paced_writer.hpp"

#include <utility>

namespace cae::processors {

PacedWriter::PacedWriter(Context& context, Writer& output, std::uint64_t count,
                         std::chrono::milliseconds interval, Source source)
    : context_(context),
      output_(output),
      count_(count),
      interval_(interval),
      source_(std::move(source)) {}

Flow PacedWriter::start() {
  const Flow finished = finished_.flow();
  write_more();
  return finished;
}

void PacedWriter::stop() noexcept {
  stopped_ = true;
  timer_.cancel();
  // A pending write's continuation sees stopped_ and finishes.
  if (!writing_) finish();
}

// Writes until a write has to wait, a pause is due, or all is sent. A loop rather than
// recursion, so that a long run of ready writes does not grow the stack.
void PacedWriter::write_more() {
  while (!stopped_ && sent_ < count_) {
    const Flow written = output_.write(source_(sent_));
    ++sent_;
    if (written.pending()) {
      writing_ = true;
      written.then([this](Outcome outcome) { after_write(outcome); });
      return;
    }
    if (!continue_after(written.outcome())) return;
  }
  finish();
}

void PacedWriter::after_write(Outcome outcome) {
  writing_ = false;
  if (continue_after(outcome)) write_more();
}

// False when the next message must not follow at once: the run stopped, the readers left (a
// cancelled write: nobody wants more), the channel failed, all is sent, or a pause starts.
bool PacedWriter::continue_after(Outcome outcome) {
  if (stopped_ || outcome != Outcome::done || sent_ == count_) {
    finish();
    return false;
  }
  if (interval_.count() == 0) return true;
  timer_ = context_.start_timer(interval_, {}, [this] { write_more(); });
  return false;
}

// Safe to repeat: a second close and a second completion are no-ops.
void PacedWriter::finish() {
  output_.close();
  finished_.complete();
}

}  // namespace cae::processors
