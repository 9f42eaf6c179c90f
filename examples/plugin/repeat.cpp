#include <optional>
#include <string>

#include "example.hpp"

namespace example {

Repeat::Repeat(cae::Context& context)
    : Processor(context),
      input_(args().reader("input")),
      output_(args().writer("output")),
      times_(args().integer("times")) {
  if (times_ < 0) throw cae::ArgumentError("times must not be negative");
}

cae::Flow Repeat::transform() {
  input_.on_message([this](cae::Message message) {
    current_ = std::move(message);
    left_ = times_;
    const cae::Flow all_written = written_.flow();
    write_copies();
    return all_written;
  });
  input_.on_close([this](const std::optional<std::string>& error) {
    if (error) output_.fail(*error);
    return cae::Flow::done();
  });
  return cae::Flow::done();
}

// Writes the copies still due, one at a time: a writer waits for each pending write. The
// copies share the message's buffer.
void Repeat::write_copies() {
  while (left_ > 0) {
    --left_;
    const cae::Flow written = output_.write(current_);
    if (written.pending()) {
      written.then([this](cae::Outcome outcome) {
        if (outcome == cae::Outcome::done) {
          write_copies();
        } else {
          written_.complete(outcome);
        }
      });
      return;
    }
    if (written.outcome() != cae::Outcome::done) {  // cancelled, or the channel failed
      written_.complete(written.outcome());
      return;
    }
  }
  written_.complete();
}

}  // namespace example
