// libFuzzer target: a flow file through loadFlow() (read, JSON syntax, duplicate keys, ${}
// expansion, validation) and, when it loads, back through flowDocumentText(). The documented
// failures are FlowError (loading) and Error (writing invalid UTF-8); anything else is a finding.
#include "core/flow/flow.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace {

std::string scratchFile()
{
    const char *tmp = std::getenv("TMPDIR");
    return std::string(tmp && *tmp ? tmp : "/tmp") + "/flowdeck-fuzz-" + std::to_string(::getpid()) + ".flow.json";
}

std::optional<std::string> fakeEnvironment(const std::string &name)
{
    if (name == "HOST")
        return std::string("127.0.0.1");
    if (name == "PORT")
        return std::string("3306");
    if (name == "EMPTY")
        return std::string();
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::string path = scratchFile();
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    try {
        const flowdeck::Flow flow = flowdeck::loadFlow(path, fakeEnvironment);
        (void)flowdeck::flowDocumentText(flow);
    } catch (const flowdeck::FlowError &e) {
        for (const auto &problem : e.problems())
            (void)problem.toString();
    } catch (const flowdeck::Error &) {
        // flowDocumentText(): invalid UTF-8 in the document
    }
    return 0;
}
