// The transport ends this build has, by transport (see transport_end.hpp). Each transport adds
// its maker here and its case to make_transport_end().
#pragma once

#include <memory>
#include <string>

#include "runtime/transport_end.hpp"

namespace cae::runtime {

// The end of `model`'s transport on the side this process holds: ingress when the channel has
// no local writer, else egress. `name` is the channel id as reports print it. Throws
// std::runtime_error for a transport this build does not have.
std::unique_ptr<TransportEnd> make_transport_end(const model::Channel& model, std::string name,
                                                 TransportServices& services);

// file_ingress.cpp, file_egress.cpp
std::unique_ptr<TransportEnd> make_file_ingress(const model::Channel& model, std::string name,
                                                TransportServices& services);
std::unique_ptr<TransportEnd> make_file_egress(const model::Channel& model, std::string name,
                                               TransportServices& services);

// tcp_ingress.cpp, tcp_egress.cpp
std::unique_ptr<TransportEnd> make_tcp_ingress(const model::Channel& model, std::string name,
                                               TransportServices& services);
std::unique_ptr<TransportEnd> make_tcp_egress(const model::Channel& model, std::string name,
                                              TransportServices& services);

// ws_ingress.cpp, ws_egress.cpp (libwebsockets, see lws_context.hpp)
std::unique_ptr<TransportEnd> make_ws_ingress(const model::Channel& model, std::string name,
                                              TransportServices& services);
std::unique_ptr<TransportEnd> make_ws_egress(const model::Channel& model, std::string name,
                                             TransportServices& services);

// http_ingress.cpp (libuv and http-parser), http_egress.cpp (libwebsockets)
std::unique_ptr<TransportEnd> make_http_ingress(const model::Channel& model, std::string name,
                                                TransportServices& services);
std::unique_ptr<TransportEnd> make_http_egress(const model::Channel& model, std::string name,
                                               TransportServices& services);

}  // namespace cae::runtime
