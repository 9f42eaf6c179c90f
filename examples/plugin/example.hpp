// The processors of the example plugin. Each is an ordinary cae::Processor; only plugin.cpp
// knows they live in a library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cae/processor.hpp"

namespace example {

// ex:Reverse: each message with its bytes in reverse order.
class Reverse final : public cae::Processor {
 public:
  explicit Reverse(cae::Context& context);
  cae::Flow transform() override;

 private:
  cae::Reader& input_;
  cae::Writer& output_;
};

// ex:Repeat: each message `times` times, each write waiting for the previous one.
class Repeat final : public cae::Processor {
 public:
  explicit Repeat(cae::Context& context);
  cae::Flow transform() override;

 private:
  void write_copies();

  cae::Reader& input_;
  cae::Writer& output_;
  std::int64_t times_;
  cae::Message current_;
  std::int64_t left_ = 0;
  cae::Promise written_;
};

}  // namespace example
