#include "processor_harness.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cae/registry.hpp"
#include "processors/builtins.hpp"
#include "runtime/channel.hpp"
#include "runtime/handle.hpp"


namespace cae::test {
namespace {

Registry tested_processors() {
  Registry registry;
  processors::register_builtins(registry);
  return registry;
}

}  // namespace

void PulledSource::start(ChunkReceiver on_chunk, EndReceiver on_end) {
  on_chunk_ = std::move(on_chunk);
  on_end_ = std::move(on_end);
  scheduler_.schedule(*this);
}

void PulledSource::stop() {
  stopped_ = true;
  scheduler_.schedule(*this);
}

void PulledSource::run() noexcept {
  if (!on_end_) return;
  std::optional<std::string> chunk = stopped_ ? std::nullopt : next_();
  if (!chunk) {
    end(std::nullopt);
    return;
  }
  ++chunks_read;
  const Flow taken = on_chunk_(Message{std::move(*chunk)});
  if (taken.pending()) {
    taken.then([this](Outcome) { scheduler_.schedule(*this); });
  } else {
    scheduler_.schedule(*this);
  }
}

void PulledSource::end(const std::optional<std::string>& error) {
  std::exchange(on_end_, nullptr)(error);
}

PulledSource::Next chunks_of(std::string text, std::size_t size) {
  return [text = std::move(text), size, at = std::size_t{0}]() mutable {
    if (at >= text.size()) return std::optional<std::string>{};
    std::string chunk = text.substr(at, size);
    at += size;
    return std::optional<std::string>{std::move(chunk)};
  };
}

StreamFileSink::StreamFileSink(const std::string& path, bool append)
    : out_{path, std::ios::binary | (append ? std::ios::app : std::ios::trunc)} {
  if (!out_) throw std::runtime_error(fmt::format("cannot open {}", path));
}

Flow StreamFileSink::write(std::span<const Message> parts) {
  if (!out_.is_open()) return Flow::failed();
  for (const auto& part : parts) out_.write(part.data(), static_cast<std::streamsize>(part.size()));
  return out_ ? Flow::done() : Flow::failed();
}

Flow StreamFileSink::close() {
  out_.close();
  return Flow::done();
}

Flow RecordingSink::write(std::span<const Message> parts) {
  writes.emplace_back(parts.begin(), parts.end());
  return held ? promise_.flow() : Flow::done();
}

std::string RecordingSink::text() const {
  std::string out;
  for (const auto& parts : writes) {
    for (const auto& part : parts) out += part.text();
  }
  return out;
}

// Work posted by the processor, run as one scheduler task in posting order.
class ProcessorHarness::Posted final : public runtime::Task {
 public:
  explicit Posted(runtime::Scheduler& scheduler) : scheduler_(scheduler) {}
  void add(std::function<void()> callback) {
    callbacks_.push_back(std::move(callback));
    scheduler_.schedule(*this);
  }

 private:
  void run() noexcept override {
    while (!callbacks_.empty()) {
      auto callback = std::move(callbacks_.front());
      callbacks_.pop_front();
      callback();
    }
  }

  runtime::Scheduler& scheduler_;
  std::deque<std::function<void()>> callbacks_;
};

// A uv timer; the harness closes it before the loop closes.
class ProcessorHarness::TestTimer final : public detail::TimerControl {
 public:
  TestTimer(uv_loop_t* loop, std::chrono::milliseconds delay, std::chrono::milliseconds repeat,
            std::function<void()> callback)
      : callback_(std::move(callback)) {
    uv_timer_init(loop, timer_.get());
    timer_.initialized();
    timer_.get()->data = this;
    uv_timer_start(
        timer_.get(), [](uv_timer_t* timer) { static_cast<TestTimer*>(timer->data)->callback_(); },
        static_cast<std::uint64_t>(delay.count()), static_cast<std::uint64_t>(repeat.count()));
  }
  void cancel() noexcept override { timer_.close(); }

 private:
  runtime::Handle<uv_timer_t> timer_;
  std::function<void()> callback_;
};

struct ProcessorHarness::Collected {
  std::vector<std::string> seen;
};

ProcessorHarness::ProcessorHarness(nlohmann::json arguments, std::string root)
    : arguments_(std::move(arguments)),
      args_(arguments_, *this),
      root_(std::move(root)),
      posted_(std::make_unique<Posted>(harness_.scheduler)) {}

ProcessorHarness::~ProcessorHarness() {
  processor_.reset();
  harness_.scheduler.clear();
  for (auto& timer : timers_) timer->cancel();
  harness_.run();  // the timers' close callbacks
}

runtime::Channel& ProcessorHarness::channel(const std::string& id) {
  auto& slot = channels_[id];
  if (!slot) {
    slot = std::make_unique<runtime::Channel>(id, "<" + id + ">", runtime::QueueBounds{},
                                              harness_.env);
  }
  return *slot;
}

Writer& ProcessorHarness::feed(const std::string& channel_id) {
  return channel(channel_id).add_writer(test_host_);
}

const std::vector<std::string>& ProcessorHarness::collect(const std::string& channel_id) {
  auto& reader = channel(channel_id).add_reader(test_host_);
  auto& collected = *collected_.emplace_back(std::make_unique<Collected>());
  reader.on_chunk([&collected](Chunk chunk) {
    const std::string text{chunk.bytes.text()};
    if (chunk.first && chunk.last) {
      collected.seen.push_back("message " + text);
    } else if (chunk.first) {
      collected.seen.emplace_back("begin");
    } else if (chunk.last) {
      collected.seen.emplace_back("end");
    } else {
      collected.seen.push_back("chunk " + text);
    }
    return Flow::done();
  });
  reader.on_close([&collected](const std::optional<std::string>& error) {
    collected.seen.push_back(error.value_or("closed"));
    return Flow::done();
  });
  reader.activate();
  return collected.seen;
}

runtime::ReaderEnd& ProcessorHarness::reader(const std::string& channel_id) {
  return channel(channel_id).add_reader(test_host_);
}

Reader* ProcessorHarness::find_reader(std::string_view channel_id) {
  auto& reader = channel(std::string{channel_id}).add_reader(host_);
  readers_.push_back(&reader);
  return &reader;
}

Writer* ProcessorHarness::find_writer(std::string_view channel_id) {
  auto& writer = channel(std::string{channel_id}).add_writer(host_);
  writers_.push_back(&writer);
  return &writer;
}

void ProcessorHarness::phase(runtime::Phase phase, const std::function<Flow()>& call) {
  runtime::run_guarded(host_, phase, [&] {
    const Flow flow = call();
    REQUIRE_MESSAGE(flow.ready(), "the harness runs phases that complete at once only");
    if (flow.outcome() == Outcome::failed) {
      host_.fail(phase, flow.error().empty() ? "failed" : std::string{flow.error()});
    }
  });
}

void ProcessorHarness::start(const std::string& class_iri) {
  static const Registry builtins = tested_processors();
  start(class_iri, builtins);
}

void ProcessorHarness::start(const std::string& class_iri, const Registry& registry) {
  type_ = class_iri;
  const Factory* factory = registry.find(class_iri);
  REQUIRE(factory != nullptr);
  runtime::run_guarded(host_, runtime::Phase::init,
                       [&] { processor_ = (*factory)(static_cast<Context&>(*this)); });
  if (!processor_) return;
  // As in a run, a failed phase ends the processor's part.
  phase(runtime::Phase::init, [&] { return processor_->init(); });
  if (!host_.failures.empty()) return;
  phase(runtime::Phase::transform, [&] { return processor_->transform(); });
  if (!host_.failures.empty()) return;
  for (auto* reader : readers_) reader->activate();
  runtime::run_guarded(host_, runtime::Phase::produce, [&] {
    processor_->produce().then([this](Outcome outcome) { produced_ = outcome == Outcome::done; });
  });
}

bool ProcessorHarness::finished() const {
  return produced_ && host_.closes.size() == readers_.size();
}

void ProcessorHarness::run() {
  harness_.run();
  if (!finished()) return;
  for (auto* writer : writers_) writer->close();
  harness_.run();
}

void ProcessorHarness::log(LogLevel level, std::string_view message) {
  logged_.push_back(fmt::format("{}: {}", runtime::level_name(level), message));
}

Timer ProcessorHarness::start_timer(std::chrono::milliseconds delay,
                                    std::chrono::milliseconds repeat,
                                    std::function<void()> callback) {
  auto guarded = [this, callback = std::move(callback)] {
    runtime::run_guarded(host_, runtime::Phase::produce, callback);
  };
  auto& timer = timers_.emplace_back(
      std::make_unique<TestTimer>(harness_.loop.get(), delay, repeat, std::move(guarded)));
  return Timer{timer.get()};
}

void ProcessorHarness::post(std::function<void()> callback) {
  posted_->add([this, callback = std::move(callback)] {
    runtime::run_guarded(host_, host_.phase(), callback);
  });
}

ByteSink& ProcessorHarness::standard_output() {
  return stdout_;
}

void ProcessorHarness::set_standard_input(std::string text, std::size_t chunk) {
  stdin_ = std::make_unique<PulledSource>(harness_.scheduler, chunks_of(std::move(text), chunk));
}

ByteSource& ProcessorHarness::standard_input() {
  if (!stdin_) set_standard_input("", 1);
  return *stdin_;
}

std::unique_ptr<ByteSource> ProcessorHarness::open_file_source(const std::string& path) {
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (!*in) throw std::runtime_error(fmt::format("cannot open {}", path));
  return std::make_unique<PulledSource>(harness_.scheduler, [in] {
    std::string chunk(std::size_t{64} * 1024, '\0');
    in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<std::size_t>(in->gcount()));
    return chunk.empty() ? std::optional<std::string>{} : std::optional<std::string>{chunk};
  });
}

std::unique_ptr<FileSink> ProcessorHarness::open_file_sink(const std::string& path, bool append) {
  return std::make_unique<StreamFileSink>(path, append);
}

}  // namespace cae::test
