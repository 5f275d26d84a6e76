#include "cli.h"

#include "widgets/examples.h"
#include "widgets/mainwindow.h"
#include "widgets/settings.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Any argument that names a command runs headless: no display needed.
    if (argc > 1 && flowdeck::cli::isCommand(argv[1])) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("flowdeck"));
        QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
        return flowdeck::cli::run(app.arguments());
    }

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

    Q_INIT_RESOURCE(flowdeck);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("flowdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Flowdeck"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("flowdeck"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("flowdeck")));

    const QString language = flowdeck::Settings::language();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    const QString buildDir = QCoreApplication::applicationDirPath() + QStringLiteral("/../translations");
    if (appTranslator.load(locale, QStringLiteral("flowdeck"), QStringLiteral("_"), buildDir)
        || appTranslator.load(locale, QStringLiteral("flowdeck"), QStringLiteral("_"),
                              QCoreApplication::applicationDirPath() + QStringLiteral("/../share/flowdeck/translations")))
        QApplication::installTranslator(&appTranslator);

    const QString flows = flowdeck::Settings::flowsFolder();
    flowdeck::installExamples(flows);
    flowdeck::MainWindow window(flows);
    window.setMonitorHandler([&window](const QString &path) { window.openMonitor(path); });
    window.show();
    return app.exec();
}
