#include "model/pipeline.hpp"

#include <algorithm>
#include <array>

namespace cae::model {

std::string_view transport_name(Transport transport) {
  static constexpr std::array<std::string_view, 5> names = {"memory", "ws", "http", "file", "tcp"};
  return names.at(static_cast<std::size_t>(transport));
}

const Processor* Pipeline::find_processor(std::string_view id) const {
  auto it = std::find_if(processors.begin(), processors.end(),
                         [&](const Processor& p) { return p.id == id; });
  return it == processors.end() ? nullptr : &*it;
}

const Channel* Pipeline::find_channel(std::string_view id) const {
  auto it = std::find_if(channels.begin(), channels.end(),
                         [&](const Channel& c) { return c.id == id; });
  return it == channels.end() ? nullptr : &*it;
}

nlohmann::ordered_json to_inspect_json(const Pipeline& pipeline) {
  nlohmann::ordered_json out;
  out["pipeline"] = pipeline.iri;
  auto& processors = out["processors"] = nlohmann::ordered_json::array();
  for (const auto& p : pipeline.processors) {
    nlohmann::ordered_json entry;
    entry["id"] = p.id;
    entry["type"] = p.type;
    entry["runner"] = p.runner;
    // Arguments keep nlohmann::json's sorted keys: byte order of field names.
    entry["arguments"] = nlohmann::ordered_json::parse(p.arguments.dump());
    processors.push_back(std::move(entry));
  }
  auto& channels = out["channels"] = nlohmann::ordered_json::array();
  for (const auto& c : pipeline.channels) {
    nlohmann::ordered_json entry;
    entry["id"] = c.id;
    entry["writers"] = c.writers;
    entry["readers"] = c.readers;
    entry["transport"] = transport_name(c.transport);
    channels.push_back(std::move(entry));
  }
  return out;
}

}  // namespace cae::model
