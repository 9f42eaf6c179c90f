// cae:RunCommand: runs a program from an argument list (never through a shell), gives it the
// messages of its input on standard input, and turns its standard output into messages; its
// standard error goes to the log, and an exit status other than 0, or death by a signal, fails
// the processor. Both pipes keep backpressure: the program's output is not read while a write
// downstream is pending, and the input waits while the program does not read.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "processors/command_framing.hpp"
#include "runtime/child_process.hpp"
#include "runtime/files.hpp"
#include "runtime/write_queue.hpp"

namespace cae::processors {
namespace {

CommandFraming framing_of(const Arguments& args) {
  const std::string name = args.string("framing");
  const auto framing = command_framing_named(name);
  if (!framing) {
    throw ArgumentError(
        fmt::format("framing: expected lines, length-prefixed or whole, found '{}'", name));
  }
  return *framing;
}

// The working directory: the file root, or a directory beneath it.
std::string directory_of(Context& context, const Arguments& args) {
  const std::string root = runtime::file_root(context);
  const auto directory = args.optional_string("workingDirectory");
  if (!directory) return root;
  std::string path = runtime::path_beneath(root, *directory);
  if (!std::filesystem::is_directory(path)) {
    throw ArgumentError(fmt::format("workingDirectory: {} is not a directory", path));
  }
  return path;
}

// Only the variables the allowlist names, when there is one.
std::optional<std::vector<std::string>> environment_of(const Arguments& args) {
  if (!args.has("env")) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& name : args.strings("env")) {
    if (const char* value = std::getenv(name.c_str())) out.push_back(name + "=" + value);
  }
  return out;
}

class RunCommand final : public Processor {
 public:
  explicit RunCommand(Context& context)
      : Processor(context),
        input_(args().optional_reader("input")),
        output_(args().optional_writer("output")),
        framing_(framing_of(args())),
        decoder_(framing_) {
    if (output_ != nullptr) queue_ = std::make_unique<runtime::WriteQueue>(*output_);
  }

  Flow init() override {
    spec_ = {args().strings("command"), directory_of(context(), args()), environment_of(args())};
    if (spec_.arguments.empty() || spec_.arguments.front().empty()) {
      throw ArgumentError("command: the program's name is empty");
    }
    return Flow::done();
  }

  // The program starts here, so that it meets consumers already attached downstream.
  Flow transform() override {
    child_ = runtime::spawner(context()).spawn(spec_);
    if (input_ != nullptr) {
      input_->on_message([this](Message message) { return feed(message); });
      input_->on_close([this](const std::optional<std::string>& error) { return closed(error); });
    } else {
      end_input();
    }
    child_->standard_output().start([this](const Message& chunk) { return take_output(chunk); },
                                    [this](const auto& error) { output_ended(error); });
    child_->standard_error().start([this](const Message& chunk) { return take_log(chunk); },
                                   [this](const auto& error) { log_ended(error); });
    child_->exited().then([this](Outcome) { exited(); });
    return Flow::done();
  }

  // Ready once the program has ended and all its output is written.
  Flow produce() override {
    const Flow finished = finished_.flow();
    produce_called_ = true;
    settle();
    return finished;
  }

  // A program without input is a source: it is asked to end. One with input ends when its
  // input does.
  void stop() noexcept override {
    if (input_ == nullptr && child_ && !child_->exit()) {
      stopped_ = true;
      child_->kill(SIGTERM);
    }
  }

 private:
  [[nodiscard]] const std::string& program() const { return spec_.arguments.front(); }

  Flow feed(const Message& message) {
    if (input_broken_) return Flow::cancelled();
    const Flow written = child_->standard_input().write(encode_for_program(framing_, message));
    if (written.ready()) return after_feed(written.outcome());
    const Flow fed = fed_.flow();
    written.then([this](Outcome outcome) { fed_.complete(after_feed(outcome).outcome()); });
    return fed;
  }

  // A program that no longer reads its input (it closed it, or ended) gets nothing more: the
  // reader detaches and what is queued for it is discarded, as when any consumer leaves.
  Flow after_feed(Outcome outcome) {
    if (outcome == Outcome::done) return Flow::done();
    input_broken_ = true;
    log(LogLevel::debug, "{} stopped reading its input; the rest is discarded", program());
    end_input();
    return Flow::cancelled();
  }

  Flow closed(const std::optional<std::string>& error) {
    input_broken_ = true;  // nothing more arrives
    if (error) {           // the error travels downstream; the program's output is no longer wanted
      output_gone_ = true;
      stopped_ = true;
      child_->kill(SIGTERM);
    }
    end_input();
    return Flow::done();
  }

  void end_input() { static_cast<void>(child_->standard_input().close()); }

  Flow take_output(const Message& chunk) {
    if (!queue_ || output_gone_) return Flow::done();  // read and dropped, so the program goes on
    decoder_.feed(chunk, [this](Message message) { queue_->write(std::move(message)); });
    const Flow written = queue_->flush();
    if (written.ready()) {
      note_written(written.outcome());
      return Flow::done();
    }
    const Flow relayed = relayed_.flow();
    written.then([this](Outcome outcome) {
      note_written(outcome);
      relayed_.complete();
    });
    return relayed;
  }

  // Every reader of the output left (or the channel failed): the rest of the output is dropped.
  void note_written(Outcome outcome) {
    if (outcome != Outcome::done) output_gone_ = true;
  }

  void output_ended(const std::optional<std::string>& error) {
    if (error) fail_with(fmt::format("cannot read the output of {}: {}", program(), *error));
    if (error || !queue_ || output_gone_) {
      output_done_ = true;
      settle();
      return;
    }
    if (auto problem = decoder_.finish([this](Message m) { queue_->write(std::move(m)); })) {
      fail_with(fmt::format("{}: {}", program(), *problem));
    }
    queue_->flush().then([this](Outcome outcome) {
      note_written(outcome);
      output_done_ = true;
      settle();
    });
  }

  Flow take_log(const Message& chunk) {
    error_lines_.feed(chunk.text(), [this](std::string_view line) { log_line(line); });
    return Flow::done();
  }

  void log_ended(const std::optional<std::string>& error) {
    error_lines_.finish([this](std::string_view line) { log_line(line); });
    if (error) log(LogLevel::warn, "cannot read the standard error of {}: {}", program(), *error);
    log_done_ = true;
    settle();
  }

  void log_line(std::string_view line) {
    last_error_line_ = line;
    log(LogLevel::info, "{}", line);
  }

  void exited() {
    const runtime::ChildExit how = *child_->exit();
    if (input_ != nullptr && !input_broken_) {
      input_broken_ = true;  // nothing reads the input any more
      input_->detach();
    }
    if (how.signal != 0 && !stopped_) {
      fail_with(fmt::format("{} was killed by signal {} ({})", program(), how.signal,
                            ::strsignal(how.signal)));
    } else if (how.signal == 0 && how.status != 0) {
      fail_with(fmt::format("{} exited with status {}{}", program(), how.status,
                            last_error_line_.empty()
                                ? std::string{}
                                : fmt::format("; its last error line: {}", last_error_line_)));
    }
    exited_ = true;
    settle();
  }

  void fail_with(std::string message) {
    if (!failure_) failure_ = std::move(message);
    settle();
  }

  // Completes produce once everything is over, or at the first failure.
  void settle() {
    if (!produce_called_ || !finished_.pending()) return;
    if (failure_) {
      finished_.fail(*failure_);
    } else if (exited_ && output_done_ && log_done_) {
      finished_.complete();
    }
  }

  Reader* input_;
  Writer* output_;
  CommandFraming framing_;
  OutputDecoder decoder_;
  std::unique_ptr<runtime::WriteQueue> queue_;
  runtime::ChildSpec spec_;
  std::unique_ptr<runtime::ChildProcess> child_;
  LineSplitter error_lines_;
  std::string last_error_line_;
  std::optional<std::string> failure_;
  Promise fed_;
  Promise relayed_;
  Promise finished_;
  bool input_broken_ = false;
  bool output_gone_ = false;
  bool output_done_ = false;
  bool log_done_ = false;
  bool exited_ = false;
  bool stopped_ = false;
  bool produce_called_ = false;
};

}  // namespace

void register_run_command(Registry& registry) {
  registry.add("https://w3id.org/cae#RunCommand", make_processor<RunCommand>);
}

}  // namespace cae::processors
