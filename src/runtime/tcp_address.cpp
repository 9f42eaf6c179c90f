#include "runtime/tcp_address.hpp"

#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace cae::runtime::tcp {

std::string Target::text() const {
  const bool ipv6 = host.find(':') != std::string::npos && !host.starts_with("[");
  return ipv6 ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

Target target_of(const model::Json& settings) {
  Target target{"127.0.0.1", 0};
  if (const auto host = settings.find("tcpHost"); host != settings.end() && host->is_string()) {
    target.host = host->get<std::string>();
  }
  if (const auto port = settings.find("tcpPort"); port != settings.end() && port->is_number()) {
    target.port = port->get<int>();
  }
  return target;
}

void resolve(uv_loop_t* loop, const Target& target, sockaddr_storage& out) {
  std::string host = target.host;
  if (host.starts_with("[") && host.ends_with("]")) host = host.substr(1, host.size() - 2);
  // Both sides pick the same family for the common name, whatever the resolver prefers.
  if (host == "localhost") host = "127.0.0.1";
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out);
  if (uv_ip4_addr(host.c_str(), target.port, v4) == 0) return;
  if (uv_ip6_addr(host.c_str(), target.port, v6) == 0) return;
  // A name: looked up synchronously, once, when the end opens.
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  uv_getaddrinfo_t request{};
  const int status = uv_getaddrinfo(loop, &request, nullptr, host.c_str(), nullptr, &hints);
  if (status != 0) {
    throw std::runtime_error(fmt::format("cannot resolve host {}: {}", host, uv_strerror(status)));
  }
  std::memcpy(&out, request.addrinfo->ai_addr, request.addrinfo->ai_addrlen);
  uv_freeaddrinfo(request.addrinfo);
  if (out.ss_family == AF_INET) v4->sin_port = htons(static_cast<std::uint16_t>(target.port));
  else v6->sin6_port = htons(static_cast<std::uint16_t>(target.port));
}

}  // namespace cae::runtime::tcp
