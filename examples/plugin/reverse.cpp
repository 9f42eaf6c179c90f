#include <optional>
#include <string>

#include "example.hpp"

namespace example {

Reverse::Reverse(cae::Context& context)
    : Processor(context), input_(args().reader("input")), output_(args().writer("output")) {}

cae::Flow Reverse::transform() {
  input_.on_message([this](cae::Message message) {
    std::string text{message.text().rbegin(), message.text().rend()};
    return output_.write(cae::Message{std::move(text)});
  });
  input_.on_close([this](const std::optional<std::string>& error) {
    if (error) output_.fail(*error);  // else the runtime closes the output
    return cae::Flow::done();
  });
  return cae::Flow::done();
}

}  // namespace example
