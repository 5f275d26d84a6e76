#pragma once
// Helpers for tests that drive the flow wizard like a user: find widgets by object name, type,
// click, and wait for the off-thread checks to answer. Header-only (GUI tests only).

#include "widgets/wizard/flowwizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTest>
#include <QWizardPage>


/// QCOMPARE for nlohmann::json values (QCOMPARE's overloads do not take them), printing both.
#define COMPARE_JSON(actual, expected)                                                                       \
    QVERIFY2(nlohmann::json(actual) == nlohmann::json(expected),                                             \
             qPrintable(QString::fromStdString(nlohmann::json(actual).dump() + "\n   expected: " + nlohmann::json(expected).dump())))

namespace flowdeck::test {

/// The child of `parent` named `name`, failing the test (nullptr) when there is none.
template<class T>
T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return w;
}

/// Replaces a line edit's text as typing would (textEdited is emitted).
inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

inline void clickNext(QWizard *w)
{
    w->button(QWizard::NextButton)->click();
}

inline void clickBack(QWizard *w)
{
    w->button(QWizard::BackButton)->click();
}

/// Clicks `button` of the visible message box, or looks again in 20 ms (`tries` more times).
inline void answerMessageBoxSoon(QMessageBox::StandardButton button, int tries)
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
            box->button(button)->click();
            return;
        }
    if (tries > 0)
        QTimer::singleShot(20, qApp, [button, tries] { answerMessageBoxSoon(button, tries - 1); });
}

/// Answers the next message box that opens with `button` (from the event loop, so the box's
/// own exec() runs). Call it before the action that opens the box.
inline void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, qApp, [button] { answerMessageBoxSoon(button, 200); });
}

} // namespace flowdeck::test
