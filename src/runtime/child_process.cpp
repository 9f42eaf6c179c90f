#include "runtime/child_process.hpp"

#include <uv.h>

#include <csignal>
#include <stdexcept>

#include <fmt/format.h>

#include "runtime/byte_source.hpp"
#include "runtime/child_pipes.hpp"
#include "runtime/host.hpp"
#include "runtime/host_services.hpp"

namespace cae::runtime {
namespace {

// Null-terminated arrays of C strings for uv_spawn; they point into the spec.
std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& text : strings) out.push_back(const_cast<char*>(text.c_str()));
  out.push_back(nullptr);
  return out;
}

class RunningChild final : public ChildProcess {
 public:
  RunningChild(uv_loop_t* loop, EndHost& host)
      : handles_(new ChildHandles{}),
        input_(*handles_, host),
        output_(*handles_, 1),
        error_(*handles_, 2),
        host_(host) {
    handles_->owner = this;
    output_.bind(host);
    error_.bind(host);
    for (auto& pipe : handles_->pipes) uv_pipe_init(loop, &pipe, 0);
  }

  ~RunningChild() override {
    if (!exit_) uv_process_kill(&handles_->process, SIGKILL);
    output_.detach();
    error_.detach();
    handles_->input = nullptr;
    handles_->close_all();  // frees them once libuv is done with them
  }

  void start(uv_loop_t* loop, const ChildSpec& spec) {
    auto arguments = c_strings(spec.arguments);
    std::vector<char*> environment;
    if (spec.environment) environment = c_strings(*spec.environment);
    uv_stdio_container_t stdio[3];
    stdio[0].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_READABLE_PIPE);
    for (int i = 1; i < 3; ++i) {
      stdio[i].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
    }
    for (int i = 0; i < 3; ++i) stdio[i].data.stream = handles_->stream(i);
    uv_process_options_t options{};
    options.exit_cb = [](uv_process_t* process, std::int64_t status, int signal) {
      auto* handles = static_cast<ChildHandles*>(process->data);
      if (handles->owner != nullptr)
        static_cast<RunningChild*>(handles->owner)->ended(status, signal);
    };
    options.file = arguments.front();
    options.args = arguments.data();
    options.env = spec.environment ? environment.data() : nullptr;
    options.cwd = spec.directory.c_str();
    options.stdio_count = 3;
    options.stdio = stdio;
    handles_->process.data = handles_;
    const int status = uv_spawn(loop, &handles_->process, &options);
    handles_->spawned = true;  // closed either way: libuv initialises the handle first
    if (status != 0) {
      exit_ = ChildExit{127, 0};
      throw std::runtime_error(
          fmt::format("cannot start {}: {}", spec.arguments.front(), uv_strerror(status)));
    }
  }

  FileSink& standard_input() override { return input_; }
  ByteSource& standard_output() override { return output_; }
  ByteSource& standard_error() override { return error_; }
  Flow exited() override {
    if (exit_) return Flow::done();
    return exited_.flow();
  }
  [[nodiscard]] std::optional<ChildExit> exit() const override { return exit_; }
  void kill(int signal) noexcept override {
    if (!exit_) uv_process_kill(&handles_->process, signal);
  }

 private:
  void ended(std::int64_t status, int signal) noexcept {
    exit_ = ChildExit{status, signal};
    run_guarded(host_, host_.phase(), [this] { exited_.complete(); });
  }

  ChildHandles* handles_;  // not owned: freed by its last close callback
  PipeSink input_;
  PipeSource output_;
  PipeSource error_;
  EndHost& host_;
  std::optional<ChildExit> exit_;
  Promise exited_;
};

}  // namespace

std::unique_ptr<ChildProcess> ProcessorHost::spawn(const ChildSpec& spec) {
  if (!services_.allow_exec()) {
    throw std::runtime_error("this run does not start programs: run cae with --allow-exec");
  }
  if (spec.arguments.empty()) throw std::runtime_error("no program to start");
  // A program that stops reading its input must not kill cae with SIGPIPE; the write fails
  // with EPIPE instead. Programs start with the default disposition again (libuv resets it).
  std::signal(SIGPIPE, SIG_IGN);
  auto child = std::make_unique<RunningChild>(services_.loop(), *this);
  child->start(services_.loop(), spec);
  return child;
}

Spawner& spawner(Context& context) {
  auto* out = dynamic_cast<Spawner*>(&context);
  if (out == nullptr) throw std::runtime_error("this processor's context cannot start programs");
  return *out;
}

}  // namespace cae::runtime
