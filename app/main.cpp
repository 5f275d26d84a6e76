#include "cli.h"

#ifdef FLOWDECK_WITH_GUI
#include "gui/guimain.h"
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
#ifdef FLOWDECK_WITH_GUI
    // Any argument that names a command runs headless: no display needed.
    const bool headless = argc > 1 && flowdeck::cli::isCommand(argv[1]);
#else
    // Built without the window (FLOWDECK_GUI=OFF): everything is a command.
    const bool headless = true;
#endif
    if (headless) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("flowdeck"));
        QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
#ifndef FLOWDECK_WITH_GUI
        if (argc < 2) {
            QTextStream(stderr) << "flowdeck: this build has no window; give a command.\n\n";
            QTextStream(stderr).flush();
            flowdeck::cli::run({app.arguments().first(), QStringLiteral("help")});
            return 2;
        }
#endif
        return flowdeck::cli::run(app.arguments());
    }
#ifdef FLOWDECK_WITH_GUI
    // Anything else that is not an option (Qt's own, such as -platform) is a mistyped command.
    if (argc > 1 && argv[1][0] != '-') {
        std::fprintf(stderr, "flowdeck: unknown command '%s'\n\n", argv[1]);
        flowdeck::cli::printUsage(stderr);
        return 2;
    }
    // QApplication aborts (exit 134) when it finds no display: say so ourselves.
    if (!flowdeck::cli::hasDisplay(argc, argv)) {
        std::fputs("flowdeck: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.\n"
                   "Flows run headless: 'flowdeck run FLOW' (see 'flowdeck --help'), or open the window on a\n"
                   "virtual display with 'xvfb-run -a flowdeck'.\n",
                   stderr);
        return 1;
    }
    return flowdeck::guiMain(argc, argv);
#else
    return 2; // not reached
#endif
}
