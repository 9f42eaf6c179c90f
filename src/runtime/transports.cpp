#include "runtime/transports.hpp"

#include <stdexcept>

namespace cae::runtime {

std::unique_ptr<TransportEnd> make_transport_end(const model::Channel& model, std::string name,
                                                 TransportServices& services) {
  // The resolver checked the topology (spec/arguments.md §2.5): an ingress end has local
  // readers and no local writer, an egress end the reverse.
  const bool ingress = model.writers.empty();
  switch (model.transport) {
    case model::Transport::file:
      return ingress ? make_file_ingress(model, std::move(name), services)
                     : make_file_egress(model, std::move(name), services);
    case model::Transport::tcp:
      return ingress ? make_tcp_ingress(model, std::move(name), services)
                     : make_tcp_egress(model, std::move(name), services);
    case model::Transport::ws:
      return ingress ? make_ws_ingress(model, std::move(name), services)
                     : make_ws_egress(model, std::move(name), services);
    case model::Transport::http:
      return ingress ? make_http_ingress(model, std::move(name), services)
                     : make_http_egress(model, std::move(name), services);
    default:
      throw std::runtime_error("this transport is not available in this build of cae");
  }
}

}  // namespace cae::runtime
