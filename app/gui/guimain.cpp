#include "guimain.h"

#include "widgets/examples.h"
#include "widgets/mainwindow.h"
#include "widgets/settings.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initResources()
{
    Q_INIT_RESOURCE(flowdeck);
}

namespace flowdeck {

int guiMain(int argc, char *argv[])
{
    initResources();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("flowdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Flowdeck"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("flowdeck"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("flowdeck")));

    const QString language = Settings::language();
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

    const QString flows = Settings::flowsFolder();
    installExamples(flows);
    MainWindow window(flows);
    window.setMonitorHandler([&window](const QString &path) { window.openMonitor(path); });
    window.show();
    return app.exec();
}

} // namespace flowdeck
