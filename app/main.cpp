#include "cli.h"

#include "widgets/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstring>

int main(int argc, char *argv[])
{
    // Any argument that names a command runs headless: no display needed.
    if (argc > 1 && flowdeck::cli::isCommand(argv[1])) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("flowdeck"));
        QCoreApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
        return flowdeck::cli::run(app.arguments());
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("flowdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Flowdeck"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    const QString qmDir = QCoreApplication::applicationDirPath() + QStringLiteral("/../translations");
    if (appTranslator.load(QLocale(), QStringLiteral("flowdeck"), QStringLiteral("_"), qmDir)
        || appTranslator.load(QLocale(), QStringLiteral("flowdeck"), QStringLiteral("_"),
                              QStringLiteral("/usr/share/flowdeck/translations")))
        QApplication::installTranslator(&appTranslator);

    flowdeck::MainWindow window;
    window.show();
    return app.exec();
}
