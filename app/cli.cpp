#include "cli.h"

#include "sandboxcommand.h"

#include <QTextStream>

#include <cstring>

namespace flowdeck::cli {

bool isCommand(const char *arg)
{
    static const char *const commands[] = {"run", "validate", "sandbox", "help", "--help", "-h", "--version", "-v"};
    for (const char *c : commands)
        if (std::strcmp(arg, c) == 0)
            return true;
    return false;
}

int run(const QStringList &arguments)
{
    if (arguments.value(1) == QStringLiteral("sandbox"))
        return sandboxCommand(arguments.mid(2));
    QTextStream(stderr) << "not implemented yet\n";
    return 2;
}

} // namespace flowdeck::cli
