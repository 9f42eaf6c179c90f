// ex:UpperCase, the processor docs/writing-processors.md walks through: writes every message it
// reads, upper-cased, to its output, and passes its input's close on. The document shows this
// file verbatim (a test keeps the two equal) and test_upper_case.cpp runs it.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "cae/processor.hpp"
#include "cae/registry.hpp"

namespace example {

class UpperCase final : public cae::Processor {
 public:
  // Arguments come resolved and typed; the names are those of the class's SHACL shape.
  explicit UpperCase(cae::Context& context)
      : Processor(context),
        input_(args().reader("input")),
        output_(args().writer("output")) {}

  // transform attaches the consumers; nothing arrives before every processor has done so.
  cae::Flow transform() override {
    input_.on_message([this](cae::Message message) {
      std::string text{message.text()};
      std::ranges::transform(text, text.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      // The new message adopts the string's buffer. Returning the write's Flow is the
      // backpressure: no next message arrives until this one is queued downstream.
      return output_.write(cae::Message{std::move(text)});
    });
    // The output closes as the input did; an upstream error travels on as the upstream's, so
    // the run's report does not blame this processor for passing it on.
    input_.on_close([this](const std::optional<std::string>& error) {
      output_.forward_close(error);
      return cae::Flow::done();
    });
    return cae::Flow::done();
  }

 private:
  cae::Reader& input_;
  cae::Writer& output_;
};

void register_upper_case(cae::Registry& registry) {
  registry.add("http://example.org/UpperCase", cae::make_processor<UpperCase>);
}

}  // namespace example
