#pragma once

#include <QMainWindow>

namespace flowdeck {

/// The main window: the list of flows. (The wizard and monitor come with their own issues.)
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace flowdeck
