#pragma once

#include <QLabel>

namespace flowdeck {

/// The message next to a field: why the page cannot go on (red), or what a check found (plain).
/// Hidden while empty, so forms do not reserve space for it.
class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    enum class Kind { Error, Info, Success };

    explicit FieldMessage(QWidget *parent = nullptr);

    void showError(const QString &text) { show(Kind::Error, text); }
    void showInfo(const QString &text) { show(Kind::Info, text); }
    void showSuccess(const QString &text) { show(Kind::Success, text); }
    void show(Kind kind, const QString &text);
    void clear();
    Kind kind() const { return m_kind; }

private:
    Kind m_kind = Kind::Info;
};

/// A form label for a row whose field is a layout (QFormLayout only sets buddies for widgets):
/// its "&" shortcut then focuses `buddy` instead of showing literally.
QLabel *buddyLabel(const QString &text, QWidget *buddy);

} // namespace flowdeck
