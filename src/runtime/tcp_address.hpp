// Where a tcp transport end listens or connects: cae:tcpHost (default 127.0.0.1) and
// cae:tcpPort from the channel's resolved settings.
#pragma once

#include <string>

#include <uv.h>

#include "model/pipeline.hpp"

namespace cae::runtime::tcp {

struct Target {
  std::string host;
  int port = 0;
  // "127.0.0.1:9000", "[::1]:9000".
  [[nodiscard]] std::string text() const;
};

Target target_of(const model::Json& settings);

// The socket address of `target`: an IPv4 or IPv6 literal, or a name looked up now. Throws
// std::runtime_error when the name does not resolve.
void resolve(uv_loop_t* loop, const Target& target, sockaddr_storage& out);

}  // namespace cae::runtime::tcp
