// libFuzzer target: `${NAME}` / `${NAME:-default}` / `$${` expansion of one string (and of the
// same string as a key's value in a nested document). Problems are reported, never thrown.
#include "core/flow/flow.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

std::optional<std::string> fakeEnvironment(const std::string &name)
{
    if (name == "A")
        return std::string("alpha");
    if (name == "EMPTY")
        return std::string();
    if (name == "NESTED")
        return std::string("${A}"); // values are not expanded again
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const nlohmann::json doc = {{"connection", {{"password", text}, {"host", text}}},
                                {"list", nlohmann::json::array({text})}};
    std::vector<flowdeck::FlowProblem> problems;
    const nlohmann::json out = flowdeck::expandEnvironment(doc, fakeEnvironment, &problems);
    if (!out.is_object() || out.size() != doc.size())
        __builtin_trap();
    return 0;
}
