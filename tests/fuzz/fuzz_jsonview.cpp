// libFuzzer target: the JSON view parser. parse() must accept or reject any bytes without
// crashing; after a successful parse every node reachable from the root must be walkable.
#include "core/codec/jsonview.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

std::size_t walk(const flowdeck::JsonView &json, const flowdeck::JsonView::Node &node)
{
    std::size_t seen = 1;
    std::uint32_t children = 0;
    for (const auto *c = json.child(node); c; c = json.sibling(*c), ++children)
        seen += walk(json, *c);
    if (children != node.count)
        std::abort(); // the node's count and its child list disagree
    if (node.type == flowdeck::JsonView::Type::Object && node.first != flowdeck::JsonView::npos)
        (void)json.find(node, json.node(node.first).key);
    return seen;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static flowdeck::JsonView json; // reused, as the decoders reuse theirs
    std::string error;
    if (json.parse(std::string_view(reinterpret_cast<const char *>(data), size), error))
        walk(json, json.root());
    return 0;
}
