#include "runtime/transports.hpp"

#include <stdexcept>

namespace cae::runtime {

std::unique_ptr<TransportEnd> make_transport_end(const model::Channel& model, std::string name,
                                                 TransportServices& services) {
  // The resolver checked the topology (spec/arguments.md §2.5): an ingress end has local
  // readers and no local writer, an egress end the reverse.
  [[maybe_unused]] const bool ingress = model.writers.empty();
  switch (model.transport) {
    default:
      throw std::runtime_error("this transport is not available in this build of cae");
  }
}

}  // namespace cae::runtime
