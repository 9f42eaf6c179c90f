// Storage for whichever libuv stream a descriptor turns out to be (pipe, terminal or socket):
// standard input and output are only known at run time, and each kind needs its own handle type.
#pragma once

#include <uv.h>

namespace cae::runtime {

union AnyStream {
  uv_handle_t handle;
  uv_stream_t stream;
  uv_pipe_t pipe;
  uv_tty_t tty;
  uv_tcp_t tcp;
};

}  // namespace cae::runtime
