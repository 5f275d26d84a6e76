#include "cli.h"

#ifdef FLOWDECK_WITH_GUI
#include "gui/guimain.h"
#endif

#include <QCoreApplication>
#include <QTextStream>

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
    return flowdeck::guiMain(argc, argv);
#else
    return 2; // not reached
#endif
}
