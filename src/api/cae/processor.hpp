// The base class of every processor, built-in or plugin (spec/channels.md §4).
//
// The runtime constructs a processor with its Context, then calls init(), transform() and
// produce() in that order, each on every processor of the run before the next phase starts.
// Each phase returns a Flow and may complete later; an exception or a failed Flow fails the
// processor in that phase. transform() attaches the consumers of the readers; produce()
// originates data and must end when stop() is called (drain or failure elsewhere).
//
// A processor is finished when produce has completed and every reader has delivered its close
// and the close handler's Flow is ready; the runtime then closes the writers it left open.
//
//   class Echo final : public cae::Processor {
//    public:
//     explicit Echo(cae::Context& context)
//         : Processor(context), input_(args().reader("input")), output_(args().writer("output")) {}
//     cae::Flow transform() override {
//       input_.on_message([this](cae::Message m) { return output_.write(std::move(m)); });
//       return cae::Flow::done();
//     }
//    private:
//     cae::Reader& input_;
//     cae::Writer& output_;
//   };
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "cae/arguments.hpp"
#include "cae/channel.hpp"
#include "cae/context.hpp"
#include "cae/flow.hpp"
#include "cae/message.hpp"

namespace cae {

class Processor {
 public:
  explicit Processor(Context& context) noexcept : context_(context) {}
  virtual ~Processor() = default;
  Processor(const Processor&) = delete;
  Processor& operator=(const Processor&) = delete;

  virtual Flow init() { return Flow::done(); }
  virtual Flow transform() { return Flow::done(); }
  virtual Flow produce() { return Flow::done(); }
  // Asked once when the run drains or fails while produce is running; produce's Flow should
  // then complete soon. Must not throw.
  virtual void stop() noexcept {}

 protected:
  [[nodiscard]] Context& context() const noexcept { return context_; }
  [[nodiscard]] const Arguments& args() const noexcept { return context_.args(); }

  template <typename... Values>
  void log(LogLevel level, fmt::format_string<Values...> format, Values&&... values) const {
    if (context_.logs(level)) {
      context_.log(level, fmt::format(format, std::forward<Values>(values)...));
    }
  }

 private:
  Context& context_;
};

}  // namespace cae
