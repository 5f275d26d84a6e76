#include "fieldmessage.h"

namespace flowdeck {

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextFormat(Qt::PlainText);
    QLabel::hide();
}

void FieldMessage::show(Kind kind, const QString &text)
{
    m_kind = kind;
    switch (kind) {
    case Kind::Error: setStyleSheet(QStringLiteral("color: #c62828;")); break;
    case Kind::Success: setStyleSheet(QStringLiteral("color: #2e7d32;")); break;
    case Kind::Info: setStyleSheet(QString()); break;
    }
    setText(text);
    setVisible(!text.isEmpty());
}

void FieldMessage::clear()
{
    setText(QString());
    QLabel::hide();
}

QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

} // namespace flowdeck
