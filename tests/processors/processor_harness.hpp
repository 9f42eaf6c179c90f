// Runs one processor through init, transform and produce on a real loop with real channels, as
// the runtime's lifecycle does, with a Context whose files, standard input, timers and posted
// work are simple and synchronous. The test holds the other end of every channel.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../runtime/channel_harness.hpp"
#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "runtime/files.hpp"

namespace cae::test {

// A ByteSource that pulls its chunks from a function (nullopt: the end), one per scheduler
// turn, and takes the next only once the previous chunk's Flow is ready.
class PulledSource final : public ByteSource, private runtime::Task {
 public:
  using Next = std::function<std::optional<std::string>()>;
  PulledSource(runtime::Scheduler& scheduler, Next next)
      : scheduler_(scheduler), next_(std::move(next)) {}

  void start(ChunkReceiver on_chunk, EndReceiver on_end) override;
  void stop() override;

  std::size_t chunks_read = 0;

 private:
  void run() noexcept override;
  void end(const std::optional<std::string>& error);

  runtime::Scheduler& scheduler_;
  Next next_;
  ChunkReceiver on_chunk_;
  EndReceiver on_end_;
  bool stopped_ = false;
};

// Chunks of `text`, `size` bytes each.
PulledSource::Next chunks_of(std::string text, std::size_t size);

// Writes through std::ofstream at once; every Flow is ready.
class StreamFileSink final : public FileSink {
 public:
  StreamFileSink(const std::string& path, bool append);
  Flow write(std::span<const Message> parts) override;
  Flow close() override;

 private:
  std::ofstream out_;
};

// Standard output as tests see it: each write's parts, kept as given (shared, not copied). While
// `held`, a write stays pending until release(), as a sink with too many unsent bytes does; a
// second write before then is an error of the writer.
class RecordingSink final : public ByteSink {
 public:
  Flow write(std::span<const Message> parts) override;
  void release() { promise_.complete(); }
  // Fails the held write with the system's `reason`.
  void fail(std::string reason) { promise_.fail(std::move(reason)); }
  // Everything written, in order.
  [[nodiscard]] std::string text() const;

  std::vector<std::vector<Message>> writes;
  bool held = false;

 private:
  Promise promise_;
};

class ProcessorHarness final : public Context, public runtime::FileRoot, private ChannelEnds {
 public:
  // `arguments` as resolution encodes them (spec/arguments.md §3); `root` is the file root.
  explicit ProcessorHarness(nlohmann::json arguments, std::string root = "/nowhere");
  ~ProcessorHarness() override;

  // The test's own ends, to be taken before start().
  Writer& feed(const std::string& channel);
  // Records what arrives on `channel` as "message TEXT", "begin", "chunk TEXT", "end", and
  // its close as "closed" or the error.
  const std::vector<std::string>& collect(const std::string& channel);
  // A reader of `channel` for the test to attach handlers to and then activate().
  runtime::ReaderEnd& reader(const std::string& channel);

  // Constructs the processor registered as `class_iri` and runs its phases; failures are
  // recorded in failures().
  void start(const std::string& class_iri);
  // The same with a processor class of the test's own registry.
  void start(const std::string& class_iri, const Registry& registry);
  // Runs the loop until nothing is left to do, closing the processor's writers once it is
  // finished, as the runtime does.
  void run();

  [[nodiscard]] const std::vector<std::string>& failures() const { return host_.failures; }
  [[nodiscard]] bool produced() const { return produced_; }
  [[nodiscard]] const std::vector<std::string>& logged() const { return logged_; }
  // What the processor wrote to standard output.
  RecordingSink& printed() { return stdout_; }
  // What standard input holds; read in chunks of `chunk` bytes.
  void set_standard_input(std::string text, std::size_t chunk);
  void stop_processor() { processor_->stop(); }
  runtime::Channel& channel(const std::string& id);

  // Context.
  [[nodiscard]] std::string_view id() const noexcept override { return "http://example.org/p"; }
  [[nodiscard]] std::string_view type() const noexcept override { return type_; }
  [[nodiscard]] std::string_view name() const noexcept override { return "<p>"; }
  [[nodiscard]] const Arguments& args() const noexcept override { return args_; }
  [[nodiscard]] bool logs(LogLevel level) const noexcept override {
    return level <= LogLevel::debug;
  }
  void log(LogLevel level, std::string_view message) override;
  Timer start_timer(std::chrono::milliseconds delay, std::chrono::milliseconds repeat,
                    std::function<void()> callback) override;
  void post(std::function<void()> callback) override;
  ByteSink& standard_output() override;
  ByteSource& standard_input() override;
  std::unique_ptr<ByteSource> open_file_source(const std::string& path) override;
  std::unique_ptr<FileSink> open_file_sink(const std::string& path, bool append) override;
  void fail(std::string message) override { host_.fail(host_.phase(), std::move(message)); }
  [[nodiscard]] std::string_view file_root() const noexcept override { return root_; }

 private:
  class Posted;
  class TestTimer;
  struct Collected;

  Reader* find_reader(std::string_view channel) override;
  Writer* find_writer(std::string_view channel) override;
  void phase(runtime::Phase phase, const std::function<Flow()>& call);
  [[nodiscard]] bool finished() const;

  Harness harness_;
  FakeHost host_{"<p>"};
  FakeHost test_host_{"<test>"};
  nlohmann::json arguments_;
  Arguments args_;
  std::string root_;
  std::string type_;
  std::map<std::string, std::unique_ptr<runtime::Channel>, std::less<>> channels_;
  std::vector<runtime::ReaderEnd*> readers_;
  std::vector<runtime::WriterEnd*> writers_;
  std::vector<std::unique_ptr<Collected>> collected_;
  std::vector<std::unique_ptr<TestTimer>> timers_;
  std::unique_ptr<Posted> posted_;
  std::unique_ptr<PulledSource> stdin_;
  RecordingSink stdout_;
  std::unique_ptr<Processor> processor_;
  std::vector<std::string> logged_;
  bool produced_ = false;
};

}  // namespace cae::test
