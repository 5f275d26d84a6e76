#include "mainwindow.h"

#include <QLabel>

namespace flowdeck {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Flowdeck"));
    setCentralWidget(new QLabel(tr("Flows"), this));
    resize(900, 600);
}

} // namespace flowdeck
