// A plugin whose entry point throws after registering a class: cae must add none of its classes
// and report the reason.
#include <stdexcept>

#include "cae/plugin.hpp"

namespace {
class Nothing final : public cae::Processor {
 public:
  using Processor::Processor;
};
}  // namespace

CAE_PLUGIN(registrar) {
  registrar.add<Nothing>("http://example.org/test#Refused");
  throw std::runtime_error("the licence file is missing");
}
