#include "run_harness.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "processors/builtins.hpp"

namespace cae::test {
namespace {

class Record final : public Processor {
 public:
  Record(Context& context, Recorded& into)
      : Processor(context),
        input_(args().reader("input")),
        slow_(args().optional_integer("slow").value_or(0)),
        into_(into) {}

  Flow transform() override {
    input_.on_message([this](const Message& message) {
      into_.messages.emplace_back(message.text());
      if (static_cast<std::int64_t>(into_.messages.size()) > slow_) return Flow::done();
      // Taken one per turn: the writer fills the queue meanwhile.
      const Flow held = held_.flow();
      context().post([this] { held_.complete(); });
      return held;
    });
    input_.on_close([this](const std::optional<std::string>& error) {
      into_.close = error.value_or("closed");
      return Flow::done();
    });
    return Flow::done();
  }

 private:
  Reader& input_;
  std::int64_t slow_;
  Recorded& into_;
  Promise held_;
};

class Explode final : public Processor {
 public:
  explicit Explode(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        output_(args().writer("output")),
        at_(args().integer("at")) {}

  Flow transform() override {
    if (at_ < 0) throw std::runtime_error("no handler");
    input_.on_message([this](Message message) {
      if (seen_++ == at_) throw std::runtime_error(fmt::format("boom at message {}", at_));
      return output_.write(std::move(message));
    });
    return Flow::done();
  }

 private:
  Reader& input_;
  Writer& output_;
  std::int64_t at_;
  std::int64_t seen_ = 0;
};

class Broken final : public Processor {
 public:
  explicit Broken(Context& context)
      : Processor(context),
        output_(args().writer("output")),
        count_(args().integer("count")),
        stream_(args().optional_boolean("stream").value_or(false)) {}

  // The queues are large enough for everything, so every write is ready at once.
  Flow produce() override {
    for (std::int64_t i = 0; i < count_; ++i) {
      (void)output_.write(Message{fmt::format("m{}", i)});
    }
    if (stream_) {
      (void)output_.begin_stream();
      (void)output_.write_chunk(Message::copy("half a stream"));
    }
    context().post([] { throw std::runtime_error("the source broke"); });
    return produced_.flow();  // never completes: the failure ends it
  }

 private:
  Writer& output_;
  std::int64_t count_;
  bool stream_;
  Promise produced_;
};

}  // namespace

std::string iri(const std::string& name) {
  return "http://example.org/" + name;
}

std::string shown(const std::string& name) {
  // Not "<" + iri(name) + ">": GCC 12 at -O3 warns falsely (-Wrestrict) about that chain.
  return fmt::format("<{}>", iri(name));
}

RunHarness::RunHarness() {
  processors::register_builtins(registry_);
  registry_.add("urn:test:Record", [this](Context& context) {
    for (auto& [id, into] : recorded_) {
      if (id == context.id()) return std::make_unique<Record>(context, *into);
    }
    throw std::logic_error("no record for this processor");
  });
  registry_.add("urn:test:Explode", make_processor<Explode>);
  registry_.add("urn:test:Broken", make_processor<Broken>);
  options.log_level = LogLevel::debug;
  options.log_sink = [this](std::string_view line) { log += line; };
  options.file_root = "/nowhere";
}

void RunHarness::add(const std::string& id, const std::string& type, nlohmann::json arguments,
                     std::uint32_t line) {
  model::Processor processor;
  processor.id = iri(id);
  processor.type = type;
  processor.runner = "https://w3id.org/cae#CppRunner";
  processor.arguments = std::move(arguments);
  processor.where = Location{0, line, 1};
  pipeline_.processors.push_back(std::move(processor));
  if (type == "urn:test:Record") recorded_.emplace_back(iri(id), std::make_unique<Recorded>());
}

void RunHarness::connect(const std::string& id, std::vector<std::string> writers,
                         std::vector<std::string> readers) {
  model::Channel channel;
  channel.id = iri(id);
  for (const auto& writer : writers) channel.writers.push_back(iri(writer));
  for (const auto& reader : readers) channel.readers.push_back(iri(reader));
  pipeline_.channels.push_back(std::move(channel));
}

const Recorded& RunHarness::recorded(const std::string& id) const {
  for (const auto& [name, into] : recorded_) {
    if (name == iri(id)) return *into;
  }
  throw std::logic_error("no test:Record processor " + id);
}

Location RunHarness::where(const std::string& id) const {
  const auto* processor = pipeline_.find_processor(iri(id));
  return processor != nullptr ? processor->where : Location{};
}

runtime::RunResult RunHarness::run() {
  auto result = runtime::run_pipeline(pipeline_, registry_, options);
  // Every run ends with every handle closed (libuv's rule: nothing leaks past the loop).
  CHECK(result.loop_closed);
  return result;
}

}  // namespace cae::test
