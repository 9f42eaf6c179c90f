// Turns the failed Flow of a sink write into a fatal error of the processor (cae:Print,
// cae:WriteFile). A reader takes a failed Flow from its handler for a finished one, so a
// failure that is not reported here would go unnoticed.
#pragma once

#include <functional>
#include <string_view>
#include <utility>

#include "cae/flow.hpp"

namespace cae::processors {

class FailureWatch {
 public:
  // `report` gets the failure's message (empty when the Flow gave none).
  explicit FailureWatch(std::function<void(std::string_view error)> report)
      : report_(std::move(report)) {}

  // A Flow with the same outcome as `flow`, ready when it is; a failure is reported first.
  // One pending Flow at a time, as a reader's handler returns them.
  Flow operator()(const Flow& flow) {
    if (flow.ready()) {
      if (flow.outcome() == Outcome::failed) report_(flow.error());
      return flow;
    }
    const Flow waiting = watched_.flow();
    flow.then([this, flow](Outcome outcome) {
      if (outcome == Outcome::failed) report_(flow.error());
      watched_.complete(outcome);
    });
    return waiting;
  }

 private:
  std::function<void(std::string_view)> report_;
  Promise watched_;
};

}  // namespace cae::processors
